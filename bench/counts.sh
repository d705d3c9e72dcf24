# Sourced by the bench scripts: their shared --runs / --rss-runs / --idle options. Needs $me (the script's name, for
# messages). Usage in an argument loop:  --runs | --rss-runs | --idle) take_count "$1" "${2-}" 10; shift 2 ;;
# (the last argument is the example value the error messages show).

# Sets runs, rss_runs or idle from OPTION VALUE, or exits 2 with one line saying what was expected.
take_count() {
  local option="$1" value="$2" example="$3"
  [ -n "$value" ] || { echo "$me: $option needs a value (e.g. $option $example)" >&2; exit 2; }
  [[ "$value" =~ ^[1-9][0-9]*$ ]] || { echo "$me: $option: '$value' is not a whole number above zero (e.g. $option $example)" >&2; exit 2; }
  case "$option" in --runs) runs=$value ;; --rss-runs) rss_runs=$value ;; --idle) idle=$value ;; esac
}
