#!/bin/sh
# Fleetboot agent: runs once per boot inside the live image and reports the machine to
# the console ("I am here, deploy me"). POSIX sh (dash, busybox); needs curl or wget.
#
# Reads fleetboot.url, fleetboot.token and fleetboot.boot from the kernel command line
# (the console's boot script put them there), finds the boot interface's MAC and IPv4,
# the image version (/etc/fleetboot/image, "image:version") and the kernel's boot_id,
# and POSTs them to <url>/api/boot/report. Retries with exponential backoff and jitter,
# so a rack that boots at once does not hammer the console in lockstep.
#
# Overrides for testing and unusual images: FLEETBOOT_CMDLINE_FILE, FLEETBOOT_IFACE,
# FLEETBOOT_MAC, FLEETBOOT_IP, FLEETBOOT_IMAGE_FILE, FLEETBOOT_MAX_ATTEMPTS.
set -u

log() { printf 'fleetboot-agent: %s\n' "$*" >&2; }

cmdline=$(cat "${FLEETBOOT_CMDLINE_FILE:-/proc/cmdline}") || exit 1

arg() {
  for word in $cmdline; do
    case "$word" in
      "$1"=*) printf '%s' "${word#*=}"; return 0 ;;
    esac
  done
  return 1
}

url=$(arg fleetboot.url) || { log "no fleetboot.url on the kernel command line: not booted by Fleetboot"; exit 0; }
token=$(arg fleetboot.token) || { log "no fleetboot.token on the kernel command line"; exit 0; }

iface=${FLEETBOOT_IFACE:-$(ip -4 route show default 2>/dev/null | awk '{ for (i = 1; i < NF; i++) if ($i == "dev") { print $(i + 1); exit } }')}
mac=${FLEETBOOT_MAC:-$(cat "/sys/class/net/$iface/address" 2>/dev/null)}
addr=${FLEETBOOT_IP:-$(ip -4 -o addr show dev "$iface" 2>/dev/null | awk '{ split($4, a, "/"); print a[1]; exit }')}
image=$(head -n 1 "${FLEETBOOT_IMAGE_FILE:-/etc/fleetboot/image}" 2>/dev/null)
kernel_boot=$(cat /proc/sys/kernel/random/boot_id 2>/dev/null)

# Only characters the console accepts reach the JSON body, so nothing needs escaping.
clean() { printf '%s' "$1" | tr -cd "$2"; }
mac=$(clean "$mac" '0-9a-fA-F:')
addr=$(clean "$addr" '0-9.')
token=$(clean "$token" 'A-Za-z0-9_-')
image=$(clean "$image" 'A-Za-z0-9._+:-')
kernel_boot=$(clean "$kernel_boot" '0-9a-f-')
if [ -z "$mac" ] || [ -z "$addr" ]; then
  log "could not find the boot interface's MAC and IPv4 (interface '${iface:-?}')"
  exit 1
fi

body="{\"mac\":\"$mac\",\"ip\":\"$addr\",\"token\":\"$token\""
[ -n "$image" ] && body="$body,\"image\":\"$image\""
[ -n "$kernel_boot" ] && body="$body,\"bootId\":\"$kernel_boot\""
body="$body}"

# 0: accepted; 1: worth retrying; 2: refused for good (4xx but 429).
post() {
  if command -v curl >/dev/null 2>&1; then
    code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 20 -H 'Content-Type: application/json' --data "$body" "$url/api/boot/report") || return 1
    case "$code" in
      2??) return 0 ;;
      429|5??) return 1 ;;
      *) log "the console refused the report (HTTP $code)"; return 2 ;;
    esac
  fi
  # busybox wget: any failure status is retried; the attempt bound ends it. No -T: Debian's
  # busybox 1.35 wget crashes (SIGSEGV) with it.
  wget -q -O /dev/null --header 'Content-Type: application/json' --post-data "$body" "$url/api/boot/report"
}

random() { od -An -N2 -tu2 /dev/urandom 2>/dev/null | tr -d ' ' || echo 0; }

attempt=1
max=${FLEETBOOT_MAX_ATTEMPTS:-12}
delay=2
while :; do
  post
  case $? in
    0) log "reported $mac ($addr) to $url"; exit 0 ;;
    2) exit 1 ;;
  esac
  if [ "$attempt" -ge "$max" ]; then
    log "giving up after $attempt attempts"
    exit 1
  fi
  # Wait delay/2 .. delay*3/2 seconds; delay doubles up to 60.
  wait=$(( delay / 2 + $(random) % (delay + 1) ))
  log "attempt $attempt failed; next in ${wait}s"
  sleep "$wait"
  attempt=$((attempt + 1))
  delay=$((delay * 2))
  [ "$delay" -gt 60 ] && delay=60
done
