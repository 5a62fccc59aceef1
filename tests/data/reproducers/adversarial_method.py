"""What the adversarial external methods of the reproducers share (the
report's four programs differed only in their mode): describe, the serve
loop, and one misbehaviour each, chosen by the program that imports this.
Not a method: it has no 'describe' of its own."""
import struct
import subprocess
import sys
import time


def describe(mode):
    sys.stdout.write("periodbench-method 1\nname x-" + mode + "\nfamily test\nsummary adversarial " + mode +
                     "\nuses_errors 0\nparam a real 1 0 10 a\nend\n")
    sys.stdout.flush()


def rd(n):
    b = b""
    while len(b) < n:
        c = sys.stdin.buffer.read(n - len(b))
        if not c:
            sys.exit(0)
        b += c
    return b


def line():
    text = sys.stdin.buffer.readline()
    if not text:
        sys.exit(0)
    return text.decode().strip()


def out(s):
    sys.stdout.buffer.write(s.encode() if isinstance(s, str) else s)
    sys.stdout.buffer.flush()


def loop(comps="components 0\n", val=0.0, status="ok 1", msg="fine"):
    while True:
        text = line()
        if text == "quit":
            sys.exit(0)
        if text.startswith("data"):
            _, n, e = text.split()
            rd(8 * int(n) * (2 + int(e)))
            out("fitted " + status + "\nmessage " + msg + "\n" + comps)
        elif text.startswith("predict"):
            n = int(text.split()[1])
            rd(8 * n)
            out("predicted %d\n" % n)
            out(struct.pack("<%dd" % n, *([val] * n)))


def main(mode):
    if sys.argv[1] == "describe":
        describe(mode)
        sys.exit(0)
    if mode == "hang-ready":  # never says ready
        time.sleep(100000)
    if mode == "grandchild":  # a child in its group, left behind
        subprocess.Popen(["sleep", "3003"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                         stdin=subprocess.DEVNULL)
    out("ready\n")
    if mode == "big-predict":  # finite predictions whose error overflows
        loop(val=1e308)
    elif mode == "bad-status":  # claims a status only the harness gives
        loop(status="timeout 1")
    else:
        loop()
