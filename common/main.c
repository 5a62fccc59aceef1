#include "pb_cli.h"

int main(int argc, char **argv)
{
    return pb_cli_main(argc, argv);
}
