/* periodbench list [tasks|methods] */
#include <stdio.h>
#include <string.h>

#include "cli/pb_cli.h"
#include "cli/pb_commands.h"
#include "tasks/pb_tasks.h"
#include "registry.h"
#include "support/pb_external.h"

static const char list_usage[] = "usage: periodbench list [tasks|methods]\n"
                                 "Prints every task and/or method with its parameters, defaults and meaning.\n"
                                 "Set a parameter in a run with --set NAME.PARAM=VALUE.\n";

static void print_params(const pb_param_def *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        char range[96];
        if (p[i].kind == PB_PARAM_CHOICE)
            snprintf(range, sizeof range, "one of %s", p[i].choices);
        else
            snprintf(range, sizeof range, "%s in [%g, %g]", p[i].kind == PB_PARAM_INT ? "integer" : "real",
                     p[i].min, p[i].max);
        printf("    %-18s = %-10s %s (%s)\n", p[i].name, p[i].default_value, p[i].description, range);
    }
}

static void list_tasks(void)
{
    printf("tasks:\n");
    for (size_t i = 0; pb_tasks_all[i]; i++) {
        const pb_task_type *t = pb_tasks_all[i];
        printf("  %s: %s\n", t->name, t->summary);
        print_params(t->params, t->n_params);
    }
}

static void list_methods(void)
{
    printf("methods:\n");
    for (size_t i = 0; pb_methods_all[i]; i++) {
        const pb_method_type *m = pb_methods_all[i];
        const char *program = pb_external_path(m);
        printf("  %s [%s]: %s%s", m->name, m->family, m->summary,
               m->uses_errors ? " (takes measurement errors: fit --err-col)" : "");
        if (program)
            printf(" (external program %s)", program);
        printf("\n");
        print_params(m->params, m->n_params);
    }
}

int pb_cmd_list(int argc, char **argv)
{
    if (argc > 2)
        return pb_cli_error(PB_EXIT_USAGE, "list: too many arguments (usage: periodbench list [tasks|methods])");
    const char *what = argc == 2 ? argv[1] : "all";
    if (strcmp(what, "--help") == 0 || strcmp(what, "-h") == 0) {
        fputs(list_usage, stdout);
        return PB_EXIT_OK;
    }
    if (strcmp(what, "tasks") == 0 || strcmp(what, "all") == 0)
        list_tasks();
    if (strcmp(what, "all") == 0)
        printf("\n");
    if (strcmp(what, "methods") == 0 || strcmp(what, "all") == 0)
        list_methods();
    if (strcmp(what, "tasks") != 0 && strcmp(what, "methods") != 0 && strcmp(what, "all") != 0)
        return pb_cli_error(PB_EXIT_USAGE, "list: %s: expected 'tasks' or 'methods'", what);
    return PB_EXIT_OK;
}
