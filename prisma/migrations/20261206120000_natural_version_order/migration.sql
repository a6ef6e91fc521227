-- Version strings in the order people read them, 2026.9.4 before 2026.10.0: the machine
-- list orders its image-version column by this. ICU's numeric ordering where the server
-- was built with ICU (Debian's and the embedded server are); byte order where it was not.
DO $$
BEGIN
  CREATE COLLATION fleetboot_natural (provider = icu, locale = 'und-u-kn-true');
EXCEPTION WHEN OTHERS THEN
  CREATE COLLATION fleetboot_natural FROM "C";
END $$;
