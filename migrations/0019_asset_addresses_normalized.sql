-- Addresses and host names as the importers write them: IPv6 addresses and MAC addresses in lower case, host names in
-- lower case without their final dot. Until this version an edit through the API kept them as typed ("AA:BB:…",
-- "SRV.Local."), which neither the search by address or host name nor a scan's matching (both on the lower-case
-- form) found. Only the assets that differ are written; a host name an import would refuse stays as it is.
UPDATE assets SET
  ips = lower(ips::text)::text[],
  macs = lower(macs::text)::text[],
  hostnames = coalesce(
    (SELECT array_agg(regexp_replace(lower(h), '\.$', '') ORDER BY n) FROM unnest(hostnames) WITH ORDINALITY AS u(h, n)),
    '{}'
  )
WHERE ips::text <> lower(ips::text)
  OR macs::text <> lower(macs::text)
  OR hostnames::text <> lower(hostnames::text)
  OR EXISTS (SELECT FROM unnest(hostnames) AS h WHERE h LIKE '%.');
