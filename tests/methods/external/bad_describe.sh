#!/bin/sh
# A test program whose description is not the protocol's.
echo "hello, I am not a method"
