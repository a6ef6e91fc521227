-- IP-prefix search in the machine list ("10.20.1." …). An expression index, which
-- schema.prisma cannot declare; Prisma's diff leaves it alone.
CREATE INDEX "machines_ipv4_text" ON "machines" (host("ipv4") text_pattern_ops);
