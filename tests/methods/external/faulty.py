#!/usr/bin/python3
"""A test program that breaks the protocol in the way its parameter fault
names (written without the helper, to break it freely): crash, hang, early
(exits without a reply), garbage, count (one value short), nan, hog (grows
past any memory limit), or ok."""
import math
import struct
import sys
import time

DESCRIPTION = """periodbench-method 1
name test-faulty
family test
summary breaks the protocol on purpose (tests only)
uses_errors 0
param fault choice ok crash|hang|early|garbage|count|nan|hog|ok which fault
end
"""


def read_doubles(n):
    raw = sys.stdin.buffer.read(8 * n)
    return struct.unpack("<%dd" % n, raw)


def main():
    if sys.argv[1] == "describe":
        sys.stdout.write(DESCRIPTION)
        return
    out = sys.stdout.buffer
    out.write(b"ready\n")
    out.flush()
    fault = "ok"
    while True:
        line = sys.stdin.buffer.readline().decode()
        if not line:
            return
        w = line.split()
        if w[0] == "param":
            fault = w[2]
        elif w[0] == "data":
            n, errors = int(w[1]), int(w[2])
            read_doubles(n * (3 if errors else 2))
            if fault == "crash":
                sys.stderr.write("boom: a deliberate crash\n")
                sys.exit(3)
            if fault == "hang":
                time.sleep(3600)
            if fault == "early":
                sys.exit(0)
            if fault == "garbage":
                out.write(b"hello world\n")
            if fault == "hog":
                blocks = []
                while True:
                    blocks.append(bytearray(64 << 20))
            out.write(b"fitted ok 1\nmessage a constant\ncomponents 0\n")
            out.flush()
        elif w[0] == "predict":
            n = int(w[1])
            read_doubles(n)
            m = n - 1 if fault == "count" else n
            value = math.nan if fault == "nan" else 0.0
            out.write(b"predicted %d\n" % m + struct.pack("<%dd" % m, *([value] * m)))
            out.flush()


main()
