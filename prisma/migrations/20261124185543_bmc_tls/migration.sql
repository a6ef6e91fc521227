-- CreateEnum
CREATE TYPE "BmcTls" AS ENUM ('verify', 'insecure', 'plain');

-- AlterTable
ALTER TABLE "machines" ADD COLUMN     "bmc_tls" "BmcTls";
