# bash completion for kraft
_kraft() {
  local cur="${COMP_WORDS[COMP_CWORD]}"
  COMPREPLY=($(compgen -W "--help --version" -- "$cur"))
}
complete -F _kraft kraft
