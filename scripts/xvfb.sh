# Sourced by the scripts that run the real app under a virtual display.
# start_xvfb starts Xvfb on a free display and exports DISPLAY; the caller's
# EXIT trap should call stop_xvfb.

start_xvfb() {
  local n
  for n in $(seq 91 140); do
    if [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ]; then
      continue
    fi
    Xvfb ":$n" -screen 0 "${XVFB_SCREEN:-1280x900x24}" -nolisten tcp >/dev/null 2>&1 &
    XVFB_PID=$!
    export DISPLAY=":$n"
    for _ in $(seq 1 100); do
      # another script may have taken the same display a moment earlier:
      # then this Xvfb exits, and the display that answers is not ours
      if ! kill -0 "$XVFB_PID" 2>/dev/null; then
        break
      fi
      if xdpyinfo -display "$DISPLAY" >/dev/null 2>&1; then
        sleep 0.3
        kill -0 "$XVFB_PID" 2>/dev/null && return 0
        break
      fi
      sleep 0.1
    done
    stop_xvfb
  done
  echo "Xvfb did not start on any display from :91 to :140" >&2
  return 1
}

stop_xvfb() {
  if [ -n "${XVFB_PID:-}" ]; then
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
  fi
}

# isolated_env points every per-user folder at a temporary one.
isolated_env() {
  local root=$1
  mkdir -p "$root/config" "$root/cache" "$root/data" "$root/home"
  export XDG_CONFIG_HOME="$root/config" XDG_CACHE_HOME="$root/cache" XDG_DATA_HOME="$root/data"
  export LANG=en_US.UTF-8
}

# wait_window NAME TIMEOUT_SECONDS prints the id of the first visible window
# with that exact name.
wait_window() {
  local name=$1 timeout=${2:-30} id
  local end=$(( $(date +%s) + timeout ))
  while [ "$(date +%s)" -lt "$end" ]; do
    id=$(xdotool search --onlyvisible --name "^${name}\$" 2>/dev/null | head -n 1 || true)
    if [ -n "$id" ]; then
      echo "$id"
      return 0
    fi
    sleep 0.05
  done
  return 1
}
