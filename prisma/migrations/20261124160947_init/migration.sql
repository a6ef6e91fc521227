-- CreateEnum
CREATE TYPE "MachineState" AS ENUM ('new', 'booting', 'deploying', 'ready', 'failed', 'rebooting');

-- CreateEnum
CREATE TYPE "BmcType" AS ENUM ('redfish', 'ipmi', 'ssh');

-- CreateEnum
CREATE TYPE "ImageVersionStatus" AS ENUM ('candidate', 'stable', 'retired');

-- CreateEnum
CREATE TYPE "DeploymentStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "DeploymentTrigger" AS ENUM ('report', 'manual', 'rollout');

-- CreateEnum
CREATE TYPE "RolloutState" AS ENUM ('running', 'paused', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "RolloutStepState" AS ENUM ('pending', 'powering', 'waiting', 'healthy', 'failed', 'skipped', 'cancelled');

-- CreateEnum
CREATE TYPE "UserRole" AS ENUM ('viewer', 'operator', 'admin');

-- CreateTable
CREATE TABLE "roles" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "desired_version_id" UUID,
    "kernel_args" TEXT NOT NULL DEFAULT '',
    "playbook" TEXT NOT NULL DEFAULT '',
    "deploy_vars" JSONB NOT NULL DEFAULT '{}',
    "deploy_command" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "rollout_policy" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "roles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "images" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "images_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "image_versions" (
    "id" UUID NOT NULL,
    "image_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "kernel_path" TEXT NOT NULL,
    "initrd_path" TEXT NOT NULL,
    "squashfs_path" TEXT NOT NULL,
    "sha256" TEXT,
    "size_bytes" BIGINT,
    "status" "ImageVersionStatus" NOT NULL DEFAULT 'candidate',
    "notes" TEXT NOT NULL DEFAULT '',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "image_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "mirrors" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "weight" INTEGER NOT NULL DEFAULT 100,
    "site" TEXT,
    "rack" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "mirrors_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "subnets" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "cidr" TEXT NOT NULL,
    "gateway" INET,
    "dns" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "domain" TEXT,
    "pool_start" INET,
    "pool_end" INET,
    "next_server" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "subnets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "machines" (
    "id" UUID NOT NULL,
    "hostname" TEXT NOT NULL,
    "role_id" UUID,
    "subnet_id" UUID,
    "ipv4" INET,
    "rack" TEXT,
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "notes" TEXT NOT NULL DEFAULT '',
    "bmc_type" "BmcType",
    "bmc_address" TEXT,
    "bmc_port" INTEGER,
    "bmc_username" TEXT,
    "bmc_password_enc" TEXT,
    "bmc_system_id" TEXT,
    "state" "MachineState" NOT NULL DEFAULT 'new',
    "maintenance" BOOLEAN NOT NULL DEFAULT false,
    "booted_version_id" UUID,
    "booted_image_sha256" TEXT,
    "boot_id" TEXT,
    "boot_token_hash" TEXT,
    "boot_token_issued_at" TIMESTAMPTZ(3),
    "last_boot_at" TIMESTAMPTZ(3),
    "last_seen_at" TIMESTAMPTZ(3),
    "state_changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "machines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "interfaces" (
    "id" UUID NOT NULL,
    "machine_id" UUID NOT NULL,
    "mac" TEXT NOT NULL,
    "name" TEXT,
    "is_boot" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "interfaces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "unknown_macs" (
    "mac" TEXT NOT NULL,
    "first_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_seen_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "request_count" INTEGER NOT NULL DEFAULT 1,
    "source_ip" TEXT,
    "uuid" TEXT,
    "serial" TEXT,
    "arch" TEXT,
    "platform" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "unknown_macs_pkey" PRIMARY KEY ("mac")
);

-- CreateTable
CREATE TABLE "events" (
    "id" BIGSERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "machine_id" UUID,
    "rollout_id" UUID,
    "payload" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployments" (
    "id" UUID NOT NULL,
    "machine_id" UUID NOT NULL,
    "image_version_id" UUID,
    "boot_id" TEXT,
    "trigger" "DeploymentTrigger" NOT NULL,
    "status" "DeploymentStatus" NOT NULL DEFAULT 'queued',
    "command" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "exit_code" INTEGER,
    "recap" JSONB,
    "output" TEXT NOT NULL DEFAULT '',
    "queued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollouts" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "selector" JSONB NOT NULL,
    "target_version_id" UUID,
    "batch_size" INTEGER,
    "batch_percent" INTEGER,
    "max_unavailable" INTEGER,
    "per_rack" INTEGER,
    "health_timeout_seconds" INTEGER NOT NULL DEFAULT 900,
    "min_healthy_seconds" INTEGER NOT NULL DEFAULT 0,
    "failure_threshold" INTEGER NOT NULL DEFAULT 1,
    "canary" BOOLEAN NOT NULL DEFAULT false,
    "state" "RolloutState" NOT NULL DEFAULT 'running',
    "state_reason" TEXT,
    "created_by" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "rollouts_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "rollout_steps" (
    "id" UUID NOT NULL,
    "rollout_id" UUID NOT NULL,
    "machine_id" UUID NOT NULL,
    "batch" INTEGER NOT NULL,
    "state" "RolloutStepState" NOT NULL DEFAULT 'pending',
    "boot_id_before" TEXT,
    "powered_at" TIMESTAMPTZ(3),
    "healthy_since" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),
    "error" TEXT,

    CONSTRAINT "rollout_steps_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "password_hash" TEXT,
    "role" "UserRole" NOT NULL DEFAULT 'viewer',
    "disabled_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_tokens" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "token_hash" TEXT NOT NULL,
    "role" "UserRole" NOT NULL,
    "user_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_entries" (
    "id" BIGSERIAL NOT NULL,
    "actor" TEXT NOT NULL,
    "user_id" UUID,
    "token_id" UUID,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "changes" JSONB,
    "source_ip" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_entries_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "roles_name_key" ON "roles"("name");

-- CreateIndex
CREATE UNIQUE INDEX "images_name_key" ON "images"("name");

-- CreateIndex
CREATE UNIQUE INDEX "image_versions_image_id_version_key" ON "image_versions"("image_id", "version");

-- CreateIndex
CREATE UNIQUE INDEX "mirrors_name_key" ON "mirrors"("name");

-- CreateIndex
CREATE UNIQUE INDEX "mirrors_base_url_key" ON "mirrors"("base_url");

-- CreateIndex
CREATE UNIQUE INDEX "subnets_name_key" ON "subnets"("name");

-- CreateIndex
CREATE UNIQUE INDEX "subnets_cidr_key" ON "subnets"("cidr");

-- CreateIndex
CREATE UNIQUE INDEX "machines_hostname_key" ON "machines"("hostname");

-- CreateIndex
CREATE UNIQUE INDEX "machines_ipv4_key" ON "machines"("ipv4");

-- CreateIndex
CREATE INDEX "machines_role_id_state_idx" ON "machines"("role_id", "state");

-- CreateIndex
CREATE INDEX "machines_state_idx" ON "machines"("state");

-- CreateIndex
CREATE INDEX "machines_rack_idx" ON "machines"("rack");

-- CreateIndex
CREATE INDEX "machines_booted_version_id_idx" ON "machines"("booted_version_id");

-- CreateIndex
CREATE UNIQUE INDEX "interfaces_mac_key" ON "interfaces"("mac");

-- CreateIndex
CREATE INDEX "interfaces_machine_id_idx" ON "interfaces"("machine_id");

-- CreateIndex
CREATE INDEX "events_machine_id_id_idx" ON "events"("machine_id", "id");

-- CreateIndex
CREATE INDEX "events_rollout_id_id_idx" ON "events"("rollout_id", "id");

-- CreateIndex
CREATE INDEX "events_kind_id_idx" ON "events"("kind", "id");

-- CreateIndex
CREATE INDEX "deployments_machine_id_queued_at_idx" ON "deployments"("machine_id", "queued_at");

-- CreateIndex
CREATE INDEX "deployments_status_idx" ON "deployments"("status");

-- CreateIndex
CREATE INDEX "rollouts_state_idx" ON "rollouts"("state");

-- CreateIndex
CREATE INDEX "rollout_steps_machine_id_idx" ON "rollout_steps"("machine_id");

-- CreateIndex
CREATE INDEX "rollout_steps_rollout_id_batch_idx" ON "rollout_steps"("rollout_id", "batch");

-- CreateIndex
CREATE UNIQUE INDEX "rollout_steps_rollout_id_machine_id_key" ON "rollout_steps"("rollout_id", "machine_id");

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE UNIQUE INDEX "api_tokens_token_hash_key" ON "api_tokens"("token_hash");

-- CreateIndex
CREATE INDEX "audit_entries_target_type_target_id_idx" ON "audit_entries"("target_type", "target_id");

-- CreateIndex
CREATE INDEX "audit_entries_created_at_idx" ON "audit_entries"("created_at");

-- AddForeignKey
ALTER TABLE "roles" ADD CONSTRAINT "roles_desired_version_id_fkey" FOREIGN KEY ("desired_version_id") REFERENCES "image_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "image_versions" ADD CONSTRAINT "image_versions_image_id_fkey" FOREIGN KEY ("image_id") REFERENCES "images"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "machines" ADD CONSTRAINT "machines_role_id_fkey" FOREIGN KEY ("role_id") REFERENCES "roles"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "machines" ADD CONSTRAINT "machines_subnet_id_fkey" FOREIGN KEY ("subnet_id") REFERENCES "subnets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "machines" ADD CONSTRAINT "machines_booted_version_id_fkey" FOREIGN KEY ("booted_version_id") REFERENCES "image_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "interfaces" ADD CONSTRAINT "interfaces_machine_id_fkey" FOREIGN KEY ("machine_id") REFERENCES "machines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_machine_id_fkey" FOREIGN KEY ("machine_id") REFERENCES "machines"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "events" ADD CONSTRAINT "events_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_machine_id_fkey" FOREIGN KEY ("machine_id") REFERENCES "machines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployments" ADD CONSTRAINT "deployments_image_version_id_fkey" FOREIGN KEY ("image_version_id") REFERENCES "image_versions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_target_version_id_fkey" FOREIGN KEY ("target_version_id") REFERENCES "image_versions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_steps" ADD CONSTRAINT "rollout_steps_rollout_id_fkey" FOREIGN KEY ("rollout_id") REFERENCES "rollouts"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "rollout_steps" ADD CONSTRAINT "rollout_steps_machine_id_fkey" FOREIGN KEY ("machine_id") REFERENCES "machines"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Check constraints (not expressible in schema.prisma; the diff ignores them).
ALTER TABLE "interfaces" ADD CONSTRAINT "interfaces_mac_normalised" CHECK ("mac" ~ '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$');
ALTER TABLE "unknown_macs" ADD CONSTRAINT "unknown_macs_mac_normalised" CHECK ("mac" ~ '^[0-9a-f]{2}(:[0-9a-f]{2}){5}$');
ALTER TABLE "machines" ADD CONSTRAINT "machines_hostname_rfc1123" CHECK ("hostname" ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$');
ALTER TABLE "machines" ADD CONSTRAINT "machines_ipv4_host" CHECK ("ipv4" IS NULL OR (family("ipv4") = 4 AND masklen("ipv4") = 32));
ALTER TABLE "machines" ADD CONSTRAINT "machines_bmc_port_range" CHECK ("bmc_port" IS NULL OR "bmc_port" BETWEEN 1 AND 65535);
ALTER TABLE "roles" ADD CONSTRAINT "roles_name_slug" CHECK ("name" ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$');
ALTER TABLE "images" ADD CONSTRAINT "images_name_slug" CHECK ("name" ~ '^[a-z0-9]([a-z0-9._-]{0,61}[a-z0-9])?$');
ALTER TABLE "image_versions" ADD CONSTRAINT "image_versions_sha256_hex" CHECK ("sha256" IS NULL OR "sha256" ~ '^[0-9a-f]{64}$');
ALTER TABLE "image_versions" ADD CONSTRAINT "image_versions_size_positive" CHECK ("size_bytes" IS NULL OR "size_bytes" > 0);
ALTER TABLE "mirrors" ADD CONSTRAINT "mirrors_base_url_http" CHECK ("base_url" ~ '^https?://');
ALTER TABLE "mirrors" ADD CONSTRAINT "mirrors_weight_positive" CHECK ("weight" > 0);
ALTER TABLE "subnets" ADD CONSTRAINT "subnets_cidr_canonical" CHECK (family("cidr"::cidr) = 4 AND "cidr" = ("cidr"::cidr)::text);
ALTER TABLE "subnets" ADD CONSTRAINT "subnets_pool_order" CHECK ("pool_start" IS NULL OR "pool_end" IS NULL OR "pool_start" <= "pool_end");
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_batch_size_positive" CHECK ("batch_size" IS NULL OR "batch_size" >= 1);
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_batch_percent_range" CHECK ("batch_percent" IS NULL OR "batch_percent" BETWEEN 1 AND 100);
ALTER TABLE "rollouts" ADD CONSTRAINT "rollouts_limits_positive" CHECK (("max_unavailable" IS NULL OR "max_unavailable" >= 1) AND ("per_rack" IS NULL OR "per_rack" >= 1) AND "health_timeout_seconds" > 0 AND "min_healthy_seconds" >= 0 AND "failure_threshold" >= 1);

-- Substring search over hostnames, MACs and addresses in the machine list.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "machines_hostname_trgm" ON "machines" USING gin ("hostname" gin_trgm_ops);
CREATE INDEX "interfaces_mac_trgm" ON "interfaces" USING gin ("mac" gin_trgm_ops);
