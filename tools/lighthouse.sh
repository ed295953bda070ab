#!/usr/bin/env bash
# Lighthouse (mobile) on /terminal/ and /messages/ of a running Charon, with Debian's Chromium.
# Usage: tools/lighthouse.sh [base-url] [gm-password]
#   Start Charon first, e.g.  CHARON_HTTP_PORT=18080 CHARON_GM_PASSWORD=gmpassword123 mvn -Prun package
# It creates a player "reader" (if missing) with three messages, logs in as that player, and
# prints performance and accessibility scores; JSON reports go to target/lighthouse/.
# Lighthouse comes from npm (npx, pinned); it never downloads a browser: CHROME_PATH is Debian's.
set -euo pipefail
BASE=${1:-http://127.0.0.1:18080}
GM_PASSWORD=${2:-gmpassword123}
LIGHTHOUSE_VERSION=13.5.0
OUT=target/lighthouse
mkdir -p "$OUT"
jar() { mktemp; }
login() { # jar user password
  curl -s -c "$1" -b "$1" "$BASE/api/auth/me/" -o /dev/null
  local t; t=$(awk '$6 == "csrftoken" {print $7}' "$1")
  curl -s -c "$1" -b "$1" -H "X-CSRFToken: $t" -H 'Content-Type: application/json' -H "Origin: $BASE" \
    -d "{\"username\":\"$2\",\"password\":\"$3\"}" "$BASE/api/auth/login/" -o /dev/null
}
post() { # jar path body
  local t; t=$(awk '$6 == "csrftoken" {print $7}' "$1")
  curl -s -c "$1" -b "$1" -H "X-CSRFToken: $t" -H 'Content-Type: application/json' -H "Origin: $BASE" -d "$3" "$BASE/$2" -o /dev/null
}
GM=$(jar); PLAYER=$(jar)
login "$GM" gm "$GM_PASSWORD"
post "$GM" api/gm/players/ '{"username":"reader","password":"reader-password-1"}'
for i in 1 2 3; do post "$GM" api/gm/broadcast/ "{\"content\":\"Message $i: docking clamps released, hold $i sealed.\"}"; done
login "$PLAYER" reader reader-password-1
COOKIE=$(sed 's/^#HttpOnly_//' "$PLAYER" | awk '!/^#/ && NF >= 7 {printf "%s=%s; ", $6, $7}')
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg), $(nproc) cores"
for page in terminal messages; do
  CHROME_PATH=/usr/bin/chromium npx --yes "lighthouse@$LIGHTHOUSE_VERSION" "$BASE/$page/" --quiet \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" --only-categories=performance,accessibility \
    --form-factor=mobile --extra-headers="{\"Cookie\":\"$COOKIE\"}" --output=json --output-path="$OUT/$page.json"
  python3 - "$OUT/$page.json" "$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); c = r['categories']; a = r['audits']
print(f"{sys.argv[2]}: performance {round(c['performance']['score']*100)}, accessibility {round(c['accessibility']['score']*100)}, "
      f"FCP {a['first-contentful-paint']['displayValue']}, LCP {a['largest-contentful-paint']['displayValue']}, "
      f"TBT {a['total-blocking-time']['displayValue']}, CLS {a['cumulative-layout-shift']['displayValue']}, "
      f"{a['total-byte-weight']['displayValue']} ({r['finalDisplayedUrl']})")
PY
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
rm -f "$GM" "$PLAYER"
