#!/bin/sh
# mkfixtures.sh BUILD OUT PROG: the packages the pkg tests install, in OUT:
#   keys/test.key, keys/test.pub    the trusted key; keys/other.*  not trusted
#   repo/   greet-1.0, hello-1.0 (depends greet; PROG as usr/bin/pkghello),
#           hello-2.0 (drops a file), clash-1.0 (a file of hello's),
#           issue-1.0 (etc/issue, which no package owns), big-1.0 (many
#           files, for the progress bar and the kill tests), repo.txt
#   bad/    tampered-file, tampered-sig, unknown-key, escape (a ../ path,
#           validly signed), symlink (a link member, validly signed)
set -eu
B=$1 OUT=$2 PROG=$3
T=$B/host
rm -rf "$OUT"
mkdir -p "$OUT/keys" "$OUT/repo" "$OUT/bad" "$OUT/stage"
"$T/pkg-keygen" "$OUT/keys/test.key" >/dev/null
"$T/pkg-keygen" "$OUT/keys/other.key" >/dev/null
S=$OUT/stage
mk() { "$T/pkg-create" -k "$OUT/keys/test.key" "$@" >/dev/null; }

mkdir -p "$S/greet/usr/share/greet"
printf 'hello\nbonjour\nhallo\n' > "$S/greet/usr/share/greet/words.txt"
mk "$S/greet" greet 1.0 "Greetings in three languages" "$OUT/repo/greet-1.0.pkg"

mkdir -p "$S/hello/usr/bin" "$S/hello/usr/share/hello/doc"
cp "$PROG" "$S/hello/usr/bin/pkghello"
chmod 755 "$S/hello/usr/bin/pkghello"
printf 'hello from a package\n' > "$S/hello/usr/share/hello/greeting.txt"
printf 'version one only\n' > "$S/hello/usr/share/hello/doc/v1.txt"
mk -d greet "$S/hello" hello 1.0 "Prints hello (a test package)" "$OUT/repo/hello-1.0.pkg"

mkdir -p "$S/hello2/usr/bin" "$S/hello2/usr/share/hello"
cp "$S/hello/usr/bin/pkghello" "$S/hello2/usr/bin/pkghello"
printf 'hello again from version two\n' > "$S/hello2/usr/share/hello/greeting.txt"
mk -d greet "$S/hello2" hello 2.0 "Prints hello (a test package)" "$OUT/hello-2.0.pkg"

mkdir -p "$S/clash/usr/share/hello"
printf 'not hello\n' > "$S/clash/usr/share/hello/greeting.txt"
mk "$S/clash" clash 1.0 "Collides with hello" "$OUT/repo/clash-1.0.pkg"

mkdir -p "$S/issue/etc"
printf 'a new issue\n' > "$S/issue/etc/issue"
mk "$S/issue" issue 1.0 "Replaces a file no package owns" "$OUT/repo/issue-1.0.pkg"

mkdir -p "$S/big/usr/share/big"
i=0
while [ $i -lt 24 ]; do
	head -c 20000 /dev/zero | tr '\0' "$(printf '\\%03o' $((65 + i)))" > "$S/big/usr/share/big/part$i"
	i=$((i + 1))
done
mk "$S/big" big 1.0 "Many files (progress and kill tests)" "$OUT/repo/big-1.0.pkg"
"$T/pkg-repo" -k "$OUT/keys/test.pub" "$OUT/repo"

# Broken copies of hello-1.0 (python3 edits the archive in place).
python3 - "$OUT" "$B/host/pkg-edtool" <<'PY'
import sys, tarfile, io, subprocess, shutil
out, edtool = sys.argv[1], sys.argv[2]
src = out + "/repo/hello-1.0.pkg"

def member_offset(path, name):
    with tarfile.open(path, format=tarfile.USTAR_FORMAT) as t:
        for m in t.getmembers():
            if m.name == name:
                return m.offset_data
    raise SystemExit("no member " + name)

def flip(dst, name, delta):
    shutil.copy(src, dst)
    off = member_offset(dst, name) + delta
    with open(dst, "r+b") as f:
        f.seek(off)
        c = f.read(1)
        f.seek(off)
        # a hex digit stays a hex digit
        f.write(b"0" if c != b"0" else b"1")

flip(out + "/bad/tampered-file.pkg", "usr/share/hello/greeting.txt", 0)
flip(out + "/bad/tampered-sig.pkg", "pkg/signature", 10)

seed = open(out + "/keys/test.key").read().strip()
def signed(dst, manifest, members):
    mf = out + "/stage/manifest.tmp"
    open(mf, "wb").write(manifest)
    sig = subprocess.check_output([edtool, "sign", seed, mf]).strip() + b"\n"
    with tarfile.open(dst, "w", format=tarfile.USTAR_FORMAT) as t:
        for name, data, kind in [("pkg/manifest", manifest, None),
                                 ("pkg/signature", sig, None)] + members:
            ti = tarfile.TarInfo(name)
            ti.mode = 0o644
            if kind == "link":
                ti.type = tarfile.SYMTYPE
                ti.linkname = data.decode()
                t.addfile(ti)
            else:
                ti.size = len(data)
                t.addfile(ti, io.BytesIO(data))
import hashlib
def entry(path, data):
    return b"file=0644 %d %s %s\n" % (len(data), hashlib.sha256(data).hexdigest().encode(), path)
hdr = b"name=evil\nversion=1.0\ndescription=Writes outside the root\ndepends=\n"
signed(out + "/bad/escape.pkg", hdr + entry(b"../../evil.txt", b"x\n"),
       [("../../evil.txt", b"x\n", None)])
signed(out + "/bad/symlink.pkg", hdr + entry(b"usr/share/evil", b""),
       [("usr/share/evil", b"/etc/shadow", "link")])
PY
"$T/pkg-create" -k "$OUT/keys/other.key" "$S/hello" hello 1.0 "Prints hello (a test package)" \
    "$OUT/bad/unknown-key.pkg" >/dev/null
rm -rf "$S"
