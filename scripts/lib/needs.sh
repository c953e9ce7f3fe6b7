# Sourced by the test scripts: installs the commands they need where it can (apt-get, as root
# or through a sudo that asks no password), names what to install where it cannot and stops.
#
#   needed="tmux:tmux chromium:chromium"   # command:package, one pair per command
#   install_needed scripts/test

missing() { # the packages (with `commands`: the commands) not found on PATH
  local pair
  for pair in $needed; do
    if ! command -v "${pair%%:*}" >/dev/null 2>&1; then
      if [ "${1-}" = commands ]; then echo "${pair%%:*}"; else echo "${pair#*:}"; fi
    fi
  done | tr '\n' ' ' | sed 's/ $//'
}

install_needed() { # $1: the script's name, for its messages
  local who=$1 packages sudo
  packages=$(missing)
  [ -z "$packages" ] && return 0
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    sudo=""
  elif command -v apt-get >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo="sudo"
  else
    echo "$who: it runs $(missing commands) but they are not installed; install them and" >&2
    echo "run $who again (it installs them itself with apt-get as root or with a sudo that" >&2
    echo "asks no password):" >&2
    if [ "$(uname)" = Darwin ] && [ -n "${brew_hint-}" ]; then
      echo "  macOS: $brew_hint" >&2
    else
      echo "  Debian/Ubuntu: sudo apt-get install $packages" >&2
    fi
    echo "  elsewhere: the packages that have those commands" >&2
    exit 1
  fi
  echo "$who: installing $packages"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
  if [ -n "$(missing)" ]; then
    echo "$who: installed, but still not on PATH: $(missing commands)" >&2
    exit 1
  fi
}
