#!/bin/sh
# A test program that claims a built-in method's name.
printf 'periodbench-method 1\nname ls-direct\nfamily test\nsummary clashes (tests only)\nuses_errors 0\nend\n'
