/* pb_commands: the subcommands, one file each (pb_cmd_*.c), dispatched by
 * main.c. argv[0] is the subcommand's name; each returns an exit status
 * (pb_cli.h). */
#ifndef PB_COMMANDS_H
#define PB_COMMANDS_H

int pb_cmd_list(int argc, char **argv);
int pb_cmd_run(int argc, char **argv);
int pb_cmd_fit(int argc, char **argv);
int pb_cmd_periodogram(int argc, char **argv);
int pb_cmd_landscape(int argc, char **argv);
int pb_cmd_track(int argc, char **argv);
int pb_cmd_oracle(int argc, char **argv);
int pb_cmd_bench(int argc, char **argv);
int pb_cmd_plot(int argc, char **argv);
int pb_cmd_merge(int argc, char **argv);

#endif
