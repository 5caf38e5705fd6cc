#!/usr/bin/env bash
# Writes ecosim's bash completion from the binary itself: its commands (ecosim --help), each
# command's options (ecosim COMMAND --help) and every scenario key (ecosim params, an array's
# entries as index 0), so the completion never lists what the binary does not take.
#   usage: scripts/completion.sh ECOSIM > ecosim.bash   (CMake does this for cmake --install)
set -euo pipefail
ecosim=$1
commands=$("$ecosim" --help | awk '/^commands:/ { on = 1; next } /^$/ { on = 0 } on && /^  [a-z]/ { print $1 }')
[ -n "$commands" ] || { echo "completion.sh: no commands in '$ecosim --help'" >&2; exit 1; }
keys=$("$ecosim" params | sed -n 's/^| `\([^`]*\)`.*/\1/p' | sed 's/\[\]/.0/g')
[ -n "$keys" ] || { echo "completion.sh: no keys in '$ecosim params'" >&2; exit 1; }

echo "# bash completion for ecosim $("$ecosim" --version | awk '{ print $2 }'), made by scripts/completion.sh"
echo "_ecosim_commands='$(echo $commands)'"
echo "_ecosim_keys='$(echo $keys)'"
echo '_ecosim_options() {'
echo '  case $1 in'
for command in $commands; do
  options=$({ echo --help; "$ecosim" "$command" --help 2> /dev/null | grep -o -- '--[a-z][a-z-]*' || true; } |
    sort -u | tr '\n' ' ')
  echo "    $command) echo '${options% }' ;;"
done
echo '  esac'
echo '}'
cat <<'BODY'
_ecosim() {
  local current=${COMP_WORDS[COMP_CWORD]} previous=${COMP_WORDS[COMP_CWORD - 1]}
  if [ "$COMP_CWORD" -eq 1 ]; then
    mapfile -t COMPREPLY < <(compgen -W "$_ecosim_commands --help --version" -- "$current")
    return
  fi
  case $previous in
    --set)  # a scenario key, then its value
      compopt -o nospace 2> /dev/null
      mapfile -t COMPREPLY < <(compgen -S = -W "$_ecosim_keys" -- "$current")
      return ;;
    -o | --output | --emit-sbatch)
      mapfile -t COMPREPLY < <(compgen -f -- "$current")
      return ;;
  esac
  if [[ $current == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "$(_ecosim_options "${COMP_WORDS[1]}")" -- "$current")
  else  # scenario, sweep and run files
    mapfile -t COMPREPLY < <(compgen -f -- "$current")
  fi
}
complete -F _ecosim ecosim
BODY
