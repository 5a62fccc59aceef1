#!/usr/bin/python3
# The second adversarial pass's external method (it found F1-F10 of the
# issue's second round): behaviour chosen by $ADV_MODE, with $ADV_FIT (the
# fitted line), $ADV_COMPS (the components), $ADV_PRED (the predictions),
# $ADV_N (the marker of the sleep it leaves behind), $ADV_NAME, $ADV_FAMILY,
# $ADV_SUMMARY and $ADV_PARAMS (describe's lines). The third pass added
# stderr-flood, long-line-hang and describe-linger; the seventh liar (a tone
# at 0.1 reported, the data minus that tone predicted at the training times).
import os, sys, struct, time, subprocess, math
mode = os.environ.get("ADV_MODE", "ok")
N = os.environ.get("ADV_N", "7777")
out = sys.stdout.buffer
inp = sys.stdin.buffer
def w(s):
    out.write(s.encode() if isinstance(s, str) else s); out.flush()
def line():
    l = inp.readline()
    return l.decode().rstrip("\n")
def rd(n):
    b = inp.read(8*n); return list(struct.unpack("<%dd" % n, b))
def spawn_escapee():
    # double fork + setsid, leaves `sleep N`
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.closerange(0, 3) if False else None
            for fd in (0,1,2):
                try: os.close(fd)
                except OSError: pass
            os.execvp("sleep", ["sleep", N])
        os._exit(0)
    os.wait()
if sys.argv[1] == "describe":
    if mode == "describe-escape":
        spawn_escapee()
    name = os.environ.get("ADV_NAME", "adv-prog")
    family = os.environ.get("ADV_FAMILY", "test")
    summary = os.environ.get("ADV_SUMMARY", "adversarial")
    w("periodbench-method 1\nname %s\nfamily %s\nsummary %s\nuses_errors 0\n" % (name, family, summary))
    extra = os.environ.get("ADV_PARAMS", "")
    if extra: w(extra.replace("\\n", "\n") + "\n")
    w("end\n")
    if mode == "describe-linger":
        # closes its output as if done, then lives on
        os.close(1); time.sleep(10000)
    sys.exit(0)
# serve
if mode == "ready-escape":
    spawn_escapee()
w("ready\n")
seen = {}
while True:
    l = line()
    if l == "" or l == "quit":
        break
    if l == "fit":
        while True:
            l = line()
            if l.startswith("data"):
                _, n, e = l.split(); n = int(n); e = int(e)
                t = rd(n); y = rd(n)
                if e: rd(n)
                seen = dict(zip(t, y))
                break
        if mode == "fit-escape":
            spawn_escapee()
        if mode == "fit-escape-hang":
            spawn_escapee(); time.sleep(10000)
        if mode == "fit-hang":
            time.sleep(10000)
        if mode == "status":
            w(os.environ.get("ADV_FIT", "fitted ok 1") .replace("\\n", "\n") + "\n")
            w("message m\ncomponents 0\n")
            continue
        if mode == "comps":
            w("fitted ok 1\nmessage m\n" + os.environ.get("ADV_COMPS").replace("\\n", "\n") + "\n")
            continue
        if mode == "exit-mid":
            w("fitted ok 1\nmess"); os._exit(0)
        if mode == "huge-line":
            w("fitted ok 1\nmessage " + "A" * 50_000_000 + "\ncomponents 0\n"); continue
        if mode == "garbage":
            w(os.urandom(100000)); continue
        if mode == "long-line-hang":
            # a line longer than the harness's buffer, never ended, the pipe held open
            w("fitted ok 1\nmessage " + "A" * 20000); time.sleep(10000)
        if mode == "stderr-flood":
            # writes stderr until the system stops it; says how far it got
            chunk, wrote = b"x" * (1 << 20), 0
            try:
                while wrote < (1 << 30):
                    wrote += os.write(2, chunk)
            except OSError as e:
                w("fitted ok 1\nmessage stderr stopped at %d bytes: errno %d\ncomponents 0\n" % (wrote, e.errno)); continue
            w("fitted ok 1\nmessage stderr took all %d bytes\ncomponents 0\n" % wrote); continue
        if mode == "ctrl-msg":
            w("fitted ok 1\nmessage \x1b[31mred\x07\r\x08 bell,\"q\"\tTAB\ncomponents 0\n"); continue
        w("fitted ok 1\nmessage fine\ncomponents 1\n%r 1.0 0.0\n" % (0.1,))
    elif l.startswith("predict"):
        n = int(l.split()[1]); t = rd(n)
        v = float(os.environ.get("ADV_PRED", "0.0"))
        if mode == "pred-escape":
            spawn_escapee()
        if mode == "liar":
            vals = [seen.get(x, 0.0) - math.cos(2 * math.pi * 0.1 * x) for x in t]
            w("predicted %d\n" % n); w(struct.pack("<%dd" % n, *vals)); continue
        if mode == "pred-count":
            w("predicted %d\n" % (n+1)); w(struct.pack("<%dd" % (n+1), *([v]*(n+1)))); continue
        w("predicted %d\n" % n); w(struct.pack("<%dd" % n, *([v]*n)))
