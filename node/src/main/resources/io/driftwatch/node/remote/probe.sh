# Driftwatch remote probe: gathers, under a root, the raw inputs that the node's fact sources
# declared, and answers with only the units whose hash differs from the one the node holds.
#
# Needs POSIX sh, GNU coreutils (csplit, sha256sum, mkdir, rm, readlink), findutils, grep, gzip;
# sudo and tar only for the allowlisted sudo read. The node strips comment lines and indentation,
# appends one call  dw '<data>'  and sends it gzip-compressed on the standard input of the constant
# command  sh -c 'eval "$(gzip -dc)"'  so nothing per probe is ever part of a command line, and the
# shell parses the script from memory rather than reading a pipe a byte at a time. The data is one
# single-quoted word, so the shell expands nothing in it. Its lines (see RemoteRequest):
#   r ROOT       first: the directory read as the host's "/"
#   k CMAX HMAX SETTLE  second: entries up to CMAX bytes are read whole, up to HMAX hashed; a guard
#                entry changed less than SETTLE minutes ago makes its guard never match
#   u U          the start of unit U; its inputs follow
#   f PATH       a file, links followed (w PATH: a volatile kernel file, see e)
#   g GLOB       every file matching GLOB; only its unquoted "*" are special
#   l D PATH     the entry PATH (D=0), or every entry 1 or 2 (D) levels below the directory PATH
#   t PATH       every file below the directory PATH
#   c WORD...    a fixed command, run only under "/"
#   C WORD...    a fixed command with a guard, run only under "/" and only when its unit changed
#   q PATH       the next C command runs only if PATH exists; else it answers "not installed"
#   v PATH       a directory of the guard of the unit's C command, walked two levels, links followed
#   S            the allowlisted sudo read, part of this unit
#   p GLOB       a find -path pattern: guard entries matching one count (as does every link)
#   e RE         an extended regular expression matching the stable parts of volatile files
#   x NAME       a file name skipped inside trees (X NAME: a directory name)
#   h U HASH     the hash the node holds for unit U
#   n NONCE      last: random per probe; names the temporary directory, so marks our marker lines
#
# The processes it starts are most of what an unchanged probe costs (each fork and exec costs more
# than most reads), so every pass is ONE process over all units into one stream, with the marker
# file m before each unit's part: find prints a metadata record per path, then (through grep -z) the
# exact content of files ("//" in front marks f, w, g paths and the marker, read at any size) and of
# regular entries up to CMAX, then the sha256 of entries up to HMAX; grep -r -z reads trees; grep -o
# keeps only the stable parts of volatile kernel files; find -L lists the guards. csplit cuts the
# stream at the marker's lines, whose path holds the nonce, so no file can fake one; where records
# are not lines the separator file s goes first. One sha256sum hashes every piece and command
# output, and the shell folds each unit's hashes into one 60-bit value (rotate and xor). The shell
# itself walks the data once, and keeps argument lists as strings of "$vN" references expanded by
# one eval, so its own work grows linearly with the data.
#
# A guarded command's unit is hashed from its guard alone: the metadata (type, inode, size, change
# and modification time) of every entry its patterns select, and of every link, below the guard's
# directories, links followed. While that hash is the one the node holds, whatever the command would
# print is what the node already has, and the command does not run. An entry changed less than
# SETTLE ago adds the nonce (a second change in the same clock tick would keep its time stamps), and
# so does a failing command: such a hash never matches, and the next probe runs the command again.
#
# The answer: "DW1 NONCE", then per unit "u U =" (unchanged) or "u U + HASH KINDS" followed by two
# gzip members per letter of KINDS (the data, then its readers' errors), then "z". A problem ends
# the answer after the first line with "needs TOOL", "noroot", "notmp" or "nosplit".

# rs PATH FOLLOW sets P to the local path of host path PATH. Under a root other than "/" links are
# resolved as if the root were "/" (an absolute target starts again at the root, ".." stops there),
# the last component only if FOLLOW is set, so nothing outside the root is read; where that moved
# the path, the pair "LOCAL PATH" goes into the marker m, whose content heads every piece. Under "/"
# the kernel does exactly that by itself. A directory whose physical path (cd -P) is the expected
# one is read as it is; it is checked once for consecutive paths in it.
rs() {
  P=$B$1
  [ -z "$B" ] && return
  if [ "${1%/*}" != "$rd" ]; then
    rd=${1%/*}
    if cd -P -- "$B$rd/" 2>/dev/null && [ "$PWD" = "$PB$rd" ]; then
      rp=$B$rd
    else
      P=$B
      rw "$rd" 1
      rp=$P
    fi
  fi
  P=$rp/${1##*/}
  if [ -h "$P" ] && [ -n "$2" ]; then
    P=$rp
    rw "${1##*/}" 1
  fi
  [ "$P" = "$B$1" ] || printf '%s\n%s\n' "$P" "$1" >>"$m"
}

# rw PATH FOLLOW walks the relative PATH from P, following links inside the root.
rw() {
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
}

# mm LIST adds the current unit to a pass's units in the variable LIST.
mm() {
  eval "$1=\"\${$1}$U \""
}

# pc KIND ERRORS UNIT... counts the pieces a pass yields, one per unit: the line "UNIT KIND FILE
# ERRORS" in O.
pc() {
  y=$1
  z=$2
  shift 2
  for U do
    j=$((j + 1))
    O="$O$U $y p$j $z$NL"
  done
}

# cm NAME KIND WORD... runs a fixed command without input: its output and a last line "DW STATUS"
# (A when the program is not installed) into NAME, its errors into NAME.e; then adds it to O.
cm() {
  y=$1
  z=$2
  shift 2
  e=A
  : >"$y.e"
  if command -v "$1" >/dev/null; then
    "$@" >"$y" 2>"$y.e" </dev/null
    e=$?
  fi
  printf '\nDW %s\n' $e >>"$y"
  O="$O$U $z $y $y.e$NL"
}

dw() {
  set -f
  NL='
'
  IFS=$NL
  LC_ALL=C
  export LC_ALL
  umask 077
  set -- $1
  eval "n=\${$#}"
  n=${n#n }
  r=${1#r }
  k=${2#k }
  sm=${k##* }
  k=${k% *}
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
  m=$T/m
  echo M >m
  : >M
  : >E
  # One walk over the data. Each pass gets a string of words for one eval: A for find, R for the
  # trees, V for the volatile files, G for the guards; every path goes into a numbered variable
  # v1, v2, ... that the string only names, so the eval never reads a path as shell code. The
  # units of each pass: F, FT, FV, FG; fa, ft, fv, fg tell whether the unit has started its part.
  A= R= V= G= F= FT= FV= FG= UL= X= EP= XP= GP= GD= Q= i=0 rd=/ rp= PB=
  [ -z "$B" ] || ! cd -P -- "$B" || PB=$PWD
  for L do
    p=${L#? }
    case $L in
      u\ *)
        U=$p
        UL="$UL$U "
        fa= ft= fv= fg= gi= GD=
        ;;
      [fwgl]\ *)
        i=$((i + 1))
        if [ "$L" = "w $p" ] && [ -z "$B" ]; then
          # Under "/": hashed by its stable parts, read whole only when the unit changed.
          [ -z "$fv" ] && fv=1 && mm FV && V="$V \"\$m\""
          eval "v$i=\$p W$U=\"\$W$U\$p\$NL\""
          V="$V \"\$v$i\""
          continue
        fi
        [ -z "$fa" ] && fa=1 && mm F && A="$A s \"/\$m\""
        case $L in
          g*)
            if [ -z "$B" ]; then
              eval "g$i=\$p"
              A="$A /\$g$i"
            else
              # Below another root each match resolves like a file, so no link leads outside.
              set +f
              for e in "/$B"$p; do
                [ -e "$e" ] || continue
                rs "${e#"/$B"}" 1
                i=$((i + 1))
                eval "v$i=/\$P"
                A="$A \"\$v$i\""
              done
              set -f
            fi
            ;;
          [fw]*)
            rs "$p" 1
            eval "v$i=/\$P"
            A="$A \"\$v$i\""
            ;;
          l\ 0*)
            rs "${p#0 }"
            eval "v$i=\$P"
            A="$A \"\$v$i\""
            ;;
          *)
            # Entries by the shell's patterns; one that matches nothing stays a word, which
            # find reports missing (noise in C, cheaper than testing each pattern). Two levels:
            # the patterns of the first level, twice.
            rs "${p#* }" 1
            eval "v$i=\$P"
            A="$A \"\$v$i\"/* \"\$v$i\"/.[!.]* \"\$v$i\"/..?*"
            [ "${p%% *}" = 2 ] || continue
            if [ -z "$B" ]; then
              for e in '*' '.[!.]*' '..?*'; do
                A="$A \"\$v$i\"/$e/* \"\$v$i\"/$e/.[!.]* \"\$v$i\"/$e/..?*"
              done
              continue
            fi
            # Below another root a linked subdirectory could lead outside it: only real ones.
            set +f
            for e in "$P"/* "$P"/.[!.]* "$P"/..?*; do
              [ -d "$e" ] && [ ! -h "$e" ] || continue
              i=$((i + 1))
              eval "v$i=\$e"
              A="$A \"\$v$i\"/* \"\$v$i\"/.[!.]* \"\$v$i\"/..?*"
            done
            set -f
            ;;
        esac
        ;;
      t\ *)
        [ -z "$ft" ] && ft=1 && mm FT && R="$R s \"\$m\""
        rs "$p" 1
        i=$((i + 1))
        eval "v$i=\$P"
        R="$R \"\$v$i\""
        ;;
      c\ * | S)
        [ -z "$B" ] && X="$X$U $L$NL"
        ;;
      q\ *) Q=$p ;;
      C\ *)
        [ -z "$B" ] || continue
        # Without the program, or without the path its output needs (a running systemd), there
        # is nothing to spare: it answers "not installed" at once.
        if [ -n "$Q" ] && [ ! -e "$Q" ]; then
          X="$X$U c dw-requirement-missing$NL"
        elif command -v "${p%% *}" >/dev/null; then
          gi=1
          eval "C$U=\$p"
        else
          X="$X$U c $p$NL"
        fi
        Q=
        ;;
      v\ *)
        [ -n "$gi" ] || continue
        # A directory that is its /usr twin of the same guard (a merged /usr) is walked once.
        case $GD in *"$NL/usr$p$NL"*) [ "$p" -ef "/usr$p" ] && continue ;; esac
        GD="$GD$NL$p$NL"
        [ -z "$fg" ] && fg=1 && mm FG && G="$G \"\$m\""
        i=$((i + 1))
        eval "v$i=\$p"
        G="$G \"\$v$i\""
        ;;
      p\ *) GP="$GP-o$NL-path$NL$p$NL" ;;
      e\ *) EP="$EP-e$NL$p$NL" ;;
      x\ *) XP="$XP--exclude=$p$NL" ;;
      X\ *) XP="$XP--exclude-dir=$p$NL" ;;
      h\ *) eval "k${p%% *}=${p#* }" ;;
    esac
  done
  cd "$T" || return
  O=
  j=0
  IFS=' '
  [ -z "$F" ] || {
    pc M M $F z
    pc C C $F z
    for U in $F; do
      O="$O$U E p$j E$NL"
    done
  }
  pc T te $FT
  pc V te $FV
  pc G ge $FG
  IFS=$NL
  # Pass 1, find. Each unit's marker comes back twice: among the records, then among the contents;
  # the end marker z separates the contents from the sha256 lines that follow them.
  [ -z "$F" ] || {
    set +f
    eval "set -- $A s \"/\$m\""
    set -f
    find -P "$@" -maxdepth 0 -printf '%p\0%y %Y %m %U %G %s ' \
      \( -readable -printf r -o -printf - \) -printf '\0%l\0\n' \
      \( -path //\* -xtype f -o -type f -size -$((${k% *} + 1))c \) \
      -exec grep -a -H -Z -z -e '' -- {} + , ! -path //\* -type f -size +${k% *}c \
      -size -$((${k#* } + 1))c -exec sha256sum -- {} + >a 2>C
  }
  # Pass 2: trees whole, except the names the node skips.
  [ -z "$FT" ] || {
    eval "set -- $R"
    grep -a -r -D skip -H -Z -z $XP -e '' -e '^M$' -- "$@" s >>a 2>te
  }
  # Pass 3, only under "/": the stable parts of volatile kernel files.
  [ -z "$FV" ] || {
    eval "set -- $V"
    grep -a -D skip -H -Z -o -E $EP -e '^M$' -- "$@" >>a 2>/dev/null
  }
  # Pass 4, only under "/": the guards, links followed; an entry changed in the last SETTLE minutes
  # also prints the nonce.
  [ -z "$FG" ] || {
    eval "set -- $G"
    find -L "$@" -maxdepth 2 \( -path "*/dw.$n/*" -o -xtype l $GP \) \
      -printf '%p %y %i %s %C@ %T@\n' ! -path "*/dw.$n/*" -cmin -$sm -printf "racy $n\n" \
      >>a 2>&1
  }
  # Commands and the sudo read, only under "/".
  i=0
  for L in $X; do
    U=${L%% *}
    L=${L#* }
    i=$((i + 1))
    IFS=' '
    case $L in
      S) cm c$i S sudo -n /usr/bin/tar -C / --numeric-owner -cf - etc/sudoers etc/sudoers.d ;;
      *) cm c$i X ${L#? } ;;
    esac
    IFS=$NL
  done
  # One pattern for every marker, compiled once; the count of pieces proves none went missing.
  [ $j = 0 ] || {
    csplit -s --suppress-matched -f p -b %d a "/$n\//" '{*}' && [ -f p$j ] && [ ! -f p$((j + 1)) ]
  } || {
    echo nosplit
    return
  }
  # a<U>: the unit's hash, folded from the first 60 bits of the sha256 of each of its files, in
  # order. The hashes are taken in with $(...), which reads in blocks where read takes a byte at a
  # time.
  h=
  for o in $O; do
    o=${o#* * }
    h="$h${o% *}$NL"
  done
  [ -z "$h" ] || h=$(sha256sum -- $h)
  set -- $h
  for o in $O; do
    U=${o%% *}
    eval "a=\${a$U:-0}"
    a=$((((a & 0x1FFFFFFFFFFFFF) << 7 | a >> 53) ^ 0x${1%"${1#???????????????}"}))
    eval "a$U=\$a"
    shift
  done
  IFS=' '
  for U in $UL; do
    eval "a=\${a$U:-0} h=\${k$U:--} c=\$C$U"
    if [ $h != - ] && [ $((0x$h)) = $a ]; then
      echo "u $U ="
      continue
    fi
    # Changed: a guarded command runs now; then the unit's pieces and command outputs with their
    # readers' errors, and its volatile files whole.
    [ -n "$c" ] && {
      cm g$U X $c
      [ $e = 0 ] || a=$((a ^ 0x${n%?}))
    }
    IFS=$NL
    eval "w=\$W$U"
    [ -n "$w" ] && {
      grep -a -D skip -H -Z -z -e '' -- $w >w$U 2>w$U.e
      O="$O$U W w$U w$U.e$NL"
    }
    A=
    k=
    for o in $O; do
      case $o in
        "$U V"* | "$U G"*) ;;
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
  done
  echo z
}
