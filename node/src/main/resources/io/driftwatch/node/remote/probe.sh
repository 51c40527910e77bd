# Driftwatch remote probe: gathers, under a root, the raw inputs that the node's fact sources
# declared, and answers with only the units whose hash differs from the one the node holds.
#
# Needs POSIX sh, GNU coreutils (csplit, sha256sum, mkdir, rm, readlink), findutils, grep, gzip;
# sudo and tar only for the allowlisted sudo read. The node strips comment lines and indentation,
# appends one call  dw '<data>'  and sends it gzip-compressed on the standard input of the constant
# command  sh -c 'eval "$(gzip -dc)"'  so nothing per probe is ever part of a command line, and the
# shell parses the script from memory rather than reading a pipe a byte at a time. The data is one
# single-quoted word, so the shell expands nothing in it. Its lines (see RemoteRequest):
#   u U          the start of unit U; its inputs follow
#   f PATH       a file, links followed (w PATH: a volatile kernel file, see e)
#   g GLOB       every file matching GLOB; only its unquoted "*" are special
#   l D PATH     the entry PATH (D=0), or every entry 1 or 2 (D) levels below the directory PATH
#   t PATH       every file below the directory PATH
#   c WORD...    a fixed command, run only under "/"
#   S            the allowlisted sudo read, part of this unit
#   e RE         an extended regular expression matching the stable parts of volatile files
#   x NAME       a file name skipped inside trees (X NAME: a directory name)
#   k CMAX HMAX  entries up to CMAX bytes are read whole, up to HMAX hashed
#   r ROOT       the directory read as the host's "/"
#   h U HASH     the hash the node holds for unit U
#   n NONCE      random per probe: names the temporary directory, so marks our marker files
#
# Each pass runs ONE process over all units (a process costs more than most reads), into one
# stream, with a marker file before each unit. find prints a metadata record per path, then
# (through grep -z) the exact content of files ("//" in front marks f, w, g paths and markers, read
# at any size) and of regular entries up to CMAX, then the sha256 of entries up to HMAX; grep -r -z
# reads trees; grep -o keeps only the stable parts of volatile kernel files. csplit cuts the stream
# at the markers' lines, which hold the nonce, so no file can fake one; where records are not lines
# the separator file s goes first. One sha256sum hashes every piece and command output, and the
# shell folds each unit's hashes into one 60-bit value (rotate and xor).
#
# The answer: "DW1 NONCE", then per unit "u U =" (unchanged) or "u U + HASH KINDS" followed by two
# gzip members per letter of KINDS (the data, then its readers' errors), then "z". A problem ends
# the answer after the first line with "needs TOOL", "noroot", "notmp" or "nosplit".

# rs PATH FOLLOW sets P to the local path of host path PATH. Under a root other than "/" links are
# resolved as if the root were "/" (an absolute target starts again at the root, ".." stops there),
# the last component only if FOLLOW is set, so nothing outside the root is read; where that moved
# the path, the pair "LOCAL PATH" goes into the current marker m for the node. Under "/" the kernel
# does exactly that by itself.
rs() {
  P=$B$1
  [ -z "$B" ] && return
  P=$B
  q=$1
  c=0
  while [ -n "$q" ] && [ $c -lt 40 ]; do
    l=${q%%/*}
    q=${q#"$l"}
    q=${q#/}
    case $l in
      '' | .) ;;
      ..)
        P=${P%/*}
        [ ${#P} -lt ${#B} ] && P=$B
        ;;
      *)
        if [ -h "$P/$l" ] && [ -n "$q$2" ]; then
          c=$((c + 1))
          l=$(readlink -- "$P/$l")
          case $l in /*) P=$B ;; esac
          q=$l/$q
        else
          P=$P/$l
        fi
        ;;
    esac
  done
  [ "$P" = "$B$1" ] || printf '%s\n%s\n' "$P" "$1" >>$m
}

# mk LETTER KIND ERRORS starts the current unit's piece in a pass: a marker file m, its csplit
# pattern, and the piece's line "UNIT KIND FILE ERRORS" in O.
mk() {
  m=$T/$1${U}_
  [ -f $m ] || echo M >$m
  j=$((j + 1))
  Q="$Q/$n.$1${U}_/$NL"
  O="$O$U $2 p$j $3$NL"
}

# cm NAME KIND WORD... runs a fixed command without input: its output and a last line "DW STATUS"
# (A when the program is not installed) into NAME, its errors into NAME.e; then adds it to O.
cm() {
  y=$1
  z=$2
  shift 2
  e=A
  : >$y.e
  if command -v "$1" >/dev/null; then
    "$@" >$y 2>$y.e </dev/null
    e=$?
  fi
  printf '\nDW %s\n' $e >>$y
  O="$O$U $z $y $y.e$NL"
}

dw() {
  D=$1
  set -f
  NL='
'
  IFS=$NL
  LC_ALL=C
  export LC_ALL
  umask 077
  K=
  for L in $D; do
    case $L in
      n\ *) n=${L#n } ;;
      r\ *) r=${L#r } ;;
      k\ *) k=${L#k } ;;
      h\ *) K="$K${L#h }$NL" ;;
    esac
  done
  echo "DW1 $n"
  for t in find grep csplit sha256sum gzip mkdir rm readlink; do
    command -v $t >/dev/null || {
      echo "needs $t"
      return
    }
  done
  [ -d "$r" ] || {
    echo noroot
    return
  }
  B=$r
  [ "$r" = / ] && B=
  # A private directory, in memory where possible: creating and removing a few dozen small files
  # costs more on a disk filesystem than all the hashing.
  T=${TMPDIR:-/tmp}
  [ -z "$TMPDIR" ] && [ -d /dev/shm ] && [ -w /dev/shm ] && T=/dev/shm
  T=$T/dw.$n
  mkdir -m 700 "$T" && cd "$T" || {
    echo notmp
    return
  }
  trap 'cd /; rm -rf "$T"' 0
  trap 'exit 1' 1 2 13 15
  # s ends every content piece with a newline: grep -z ends a file's record with a NUL only, and a
  # marker's line must not swallow the last line of a file that lacks its newline. Named relative,
  # so that it reads the same in every probe.
  echo >s
  : >M
  : >E
  O=
  Q=
  j=0
  # Pass 1, find. Each unit's marker comes back twice: among the records, then among the contents;
  # the end marker z separates the contents from the sha256 lines that follow them.
  set --
  F=
  for L in $D; do
    p=${L#? }
    case $L in
      u\ *)
        U=$p
        m=
        ;;
      [fwgl]\ *)
        [ -z "$m" ] && m=$T/m${U}_ F="$F$U " && echo M >$m && set -- "$@" s "/$m"
        case $L in
          g*)
            set +f
            for e in "/$B"$p; do
              [ -e "$e" ] && set -- "$@" "$e"
            done
            set -f
            ;;
          f* | w*)
            rs "$p" 1
            [ "$L" = "w $p" ] && [ -z "$B" ] || set -- "$@" "/$P"
            ;;
          l\ 0*)
            rs "${p#0 }"
            set -- "$@" "$P"
            ;;
          *)
            d=${p%% *}
            rs "${p#* }" 1
            set +f
            for e in "$P"/* "$P"/.[!.]* "$P"/..?*; do
              [ -e "$e" ] || [ -h "$e" ] || continue
              set -- "$@" "$e"
              [ $d = 2 ] && [ -d "$e" ] && for f in "$e"/* "$e"/.[!.]* "$e"/..?*; do
                [ -e "$f" ] || [ -h "$f" ] && set -- "$@" "$f"
              done
            done
            set -f
            ;;
        esac
        ;;
    esac
  done
  if [ -n "$F" ]; then
    IFS=' '
    for x in M C; do
      for U in $F z; do
        mk m $x $x
      done
    done
    for U in $F; do
      O="$O$U E p$j E$NL"
    done
    IFS=$NL
    find -P "$@" s "/$m" -maxdepth 0 -printf '%p\0%y %Y %m %U %G %s ' \
      \( -readable -printf r -o -printf - \) -printf '\0%l\0\n' \
      \( -path //\* -xtype f -o -type f -size -$((${k% *} + 1))c \) \
      -exec grep -a -H -Z -z -e '' -- {} + , ! -path //\* -type f -size +${k% *}c \
      -size -$((${k#* } + 1))c -exec sha256sum -- {} + >a 2>C
  fi
  # Pass 2: trees whole, except the names the node skips. Pass 3, only under "/": the stable parts
  # of volatile kernel files.
  for x in T V; do
    [ $x = V ] && [ -n "$B" ] && break
    set --
    for L in $D; do
      p=${L#? }
      case $x$L in
        Tx\ *) set -- "$@" "--exclude=$p" ;;
        TX\ *) set -- "$@" "--exclude-dir=$p" ;;
        Ve\ *) set -- "$@" -e "$p" ;;
      esac
    done
    [ $x = T ] && set -- "$@" -e ''
    set -- "$@" -e ^M$ --
    G=
    for L in $D; do
      p=${L#? }
      case $x$L in
        ?u\ *) U=$p g= ;;
        Tt\ * | Vw\ *)
          [ -z "$g" ] && g=1 G=1 && mk $x $x te && set -- "$@" s "$m"
          rs "$p" 1
          set -- "$@" "$P"
          ;;
      esac
    done
    [ -z "$G" ] || if [ $x = T ]; then
      grep -a -r -D skip -H -Z -z "$@" s >>a 2>te
    else
      grep -a -D skip -H -Z -o -E "$@" >>a 2>/dev/null
    fi
  done
  # Commands and the sudo read, only under "/".
  i=0
  for L in $D; do
    [ -n "$B" ] && break
    p=${L#? }
    case $L in
      u\ *) U=$p ;;
      c\ *)
        i=$((i + 1))
        IFS=' '
        cm c$i X $p
        IFS=$NL
        ;;
      S) cm s S sudo -n /usr/bin/tar -C / --numeric-owner -cf - etc/sudoers etc/sudoers.d ;;
    esac
  done
  [ $j = 0 ] || csplit -s --suppress-matched -f p -b %d a $Q || {
    echo nosplit
    return
  }
  set --
  for o in $O; do
    o=${o#* * }
    set -- "$@" "${o% *}"
  done
  # Z: "UNIT VALUE" per line of O, the value being the first 60 bits of that file's sha256. The
  # hashes are taken in with $(...), which reads in blocks where read takes a byte at a time.
  h=
  [ $# = 0 ] || h=$(sha256sum -- "$@")
  Z=
  set -- $h
  for o in $O; do
    Z="$Z${o%% *} $((0x${1%"${1#???????????????}"}))$NL"
    [ $# = 0 ] || shift
  done
  for L in $D; do
    case $L in
      u\ *)
        U=${L#u }
        a=0
        for z in $Z; do
          [ "${z%% *}" = $U ] && a=$((((a & 0x1FFFFFFFFFFFFF) << 7 | a >> 53) ^ ${z#* }))
        done
        h=-
        for z in $K; do
          [ "${z%% *}" = $U ] && h=${z#* }
        done
        if [ $h != - ] && [ $((0x$h)) = $a ]; then
          echo "u $U ="
          continue
        fi
        # Changed: the unit's pieces and command outputs with their readers' errors, and its
        # volatile files whole.
        A=
        k=
        W=
        m=
        for M in $D; do
          case $M in
            u\ *) m=${M#u } ;;
            w\ *) [ "$m" = $U ] && [ -z "$B" ] && W="$W${M#w }$NL" ;;
          esac
        done
        [ -n "$W" ] && {
          grep -a -D skip -H -Z -z -e '' -- $W >w$U 2>w$U.e
          O="$O$U W w$U w$U.e$NL"
        }
        for o in $O; do
          case $o in
            "$U V"*) ;;
            "$U "*)
              o=${o#* }
              k=$k${o%% *}
              A="$A ${o#* }"
              ;;
          esac
        done
        printf 'u %s + %015x %s\n' $U $a $k
        IFS=' '
        for f in $A; do
          [ -f $f ] || : >$f
        done
        gzip -c -n -1 -- $A
        IFS=$NL
        ;;
    esac
  done
  echo z
}
