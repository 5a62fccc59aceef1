/* External methods (methods/external/PROTOCOL.md): doubles cross the
 * protocol bit for bit both ways; every fault of a program becomes its
 * status with the reason in the row, and the run completes; a broken
 * description or a taken name is refused; reruns and --resume with an
 * external method give the same table. The test programs are in
 * tests/methods/external/ (Python 3 and sh; python3 is a make deps package). */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "helpers/cli_run.h"
#include "helpers/run_tables.h"
#include "harness/pb_runs.h"
#include "support/pb_external.h"

#define PROGRAMS "tests/methods/external/"

static uint64_t bits(double x)
{
    uint64_t b;
    memcpy(&b, &x, sizeof b);
    return b;
}

Test(external, doubles_cross_the_protocol_bit_for_bit)
{
    char err[1024] = "";
    const pb_method_type *m = pb_external_load(PROGRAMS "echo.py", err, sizeof err);
    cr_assert_not_null(m, "%s", err);
    cr_assert_str_eq(m->name, "test-echo");
    cr_assert_eq(m->n_params, 2);
    cr_assert_eq(m->uses_errors, 1);
    /* Values no decimal printing would keep without care: subnormals, -0,
     * the extremes, a third, pi's neighbour. */
    static double t[] = {-0.0, 4.9406564584124654e-324, 2.2250738585072014e-308, 1.0 / 3.0, 3.1415926535897936,
                         1.7976931348623157e308};
    static double y[] = {0.1, -1e-300, 123456789.123456789, -2.5, 6.02214076e23, 1e-5};
    static double dy[] = {1e-3, 0.2, 3.0, 4e10, 5.5, 6.25};
    pb_series s = {6, t, y, dy};
    pb_prior prior = {1.0 / 7.0, 0.49999999999999994, 1, 0.30000000000000004};
    pb_params *p = pb_params_alloc(m->params, m->n_params);
    cr_assert_eq(pb_params_set(p, "label", "b", err, sizeof err), 0, "%s", err);
    cr_assert_eq(pb_params_set(p, "scale", "0.1", err, sizeof err), 0, "%s", err);
    pb_fit_report rep = {0};
    void *model = NULL;
    cr_assert_eq(m->fit(&s, &prior, p, NULL, &model, &rep), PB_OK, "%s", rep.message);
    cr_assert_str_eq(rep.message, "label=b scale=0.1 n=6");
    cr_assert_eq(rep.iterations, 7);
    pb_component c[3];
    cr_assert_eq(m->components(model, c, 3), 3);
    cr_assert(bits(c[0].freq) == bits(prior.fmin) && bits(c[0].amp) == bits(prior.fmax) &&
              bits(c[0].phase) == bits(prior.dt), "the prior came back changed");
    cr_assert(bits(c[1].freq) == bits(t[0]) && bits(c[1].amp) == bits(y[0]) && bits(c[1].phase) == bits(dy[0]),
              "the first point came back changed");
    cr_assert(bits(c[2].freq) == bits(t[5]) && bits(c[2].amp) == bits(y[5]), "the last point came back changed");
    double back[6];
    cr_assert_eq(m->predict(model, t, 6, back), PB_OK);
    for (int i = 0; i < 6; i++)
        cr_assert_eq(bits(back[i]), bits(t[i]), "time %d: %a came back as %a", i, t[i], back[i]);
    m->free_model(model);
    pb_params_free(p);
}

Test(external, every_fault_of_a_program_is_its_row, .timeout = 120)
{
    char dir[] = "/tmp/pb-ext-XXXXXX", args[800], err[2048], path[600];
    cr_assert_not_null(mkdtemp(dir));
    snprintf(args, sizeof args,
             "run --tasks tone --methods " PROGRAMS "faulty.py --set test-faulty.fault=crash,hang,early,garbage,count,"
             "nan,hog,ok --seeds 1 --timeout 5 --memory 300 --jobs 2 --quiet --out %s",
             dir);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "the run completes: %s", err);
    snprintf(path, sizeof path, "%s/runs.csv", dir);
    pb_runs_table t;
    cr_assert_eq(pb_runs_read(path, &t, NULL, err, sizeof err), 0, "%s", err);
    static const char *const expect[][3] = {
        {"fault=crash", "crashed", "boom"},       {"fault=hang", "timeout", "wall-time"},
        {"fault=early", "crashed", "exited"},     {"fault=garbage", "error", "hello world"},
        {"fault=count", "error", "2047"},         {"fault=nan", "diverged", "non-finite"},
        {"fault=hog", "oom", "memory"},           {"fault=ok", "ok", "constant"},
    };
    cr_assert_eq(t.n, 8);
    for (size_t i = 0; i < 8; i++) {
        const pb_runs_row *r = &t.rows[i];
        cr_assert_str_eq(r->field[PB_COL_METHOD_PARAMS], expect[i][0]);
        cr_assert_str_eq(r->field[PB_COL_STATUS], expect[i][1], "%s: %s", expect[i][0], r->field[PB_COL_MESSAGE]);
        cr_assert(strstr(r->field[PB_COL_MESSAGE], expect[i][2]), "%s: the message '%s' lacks '%s'", expect[i][0],
                  r->field[PB_COL_MESSAGE], expect[i][2]);
    }
    pb_runs_table_free(&t);
    snprintf(args, sizeof args, "rm -rf '%s'", dir);
    cr_assert_eq(system(args), 0);
}

Test(external, a_broken_description_or_a_taken_name_is_refused)
{
    char err[2048];
    int rc = pb_test_run("run --tasks tone --methods " PROGRAMS "bad_describe.sh --out /tmp/pb-never", NULL, err,
                         sizeof err);
    cr_assert(rc == 2 && strstr(err, "periodbench-method"), "exit %d: %s", rc, err);
    rc = pb_test_run("run --tasks tone --methods " PROGRAMS "clash.sh --out /tmp/pb-never", NULL, err, sizeof err);
    cr_assert(rc == 2 && strstr(err, "'ls-direct' is taken"), "exit %d: %s", rc, err);
    rc = pb_test_run("fit tests/data/sunspots_yearly.csv --method " PROGRAMS "nowhere.py", NULL, err, sizeof err);
    cr_assert(rc == 2 && strstr(err, "nowhere.py"), "exit %d: %s", rc, err);
}

#define EXT_PLAN "run --tasks tone,close-tones --methods py-dft-peak,ls-direct --seeds 3 --quiet"

Test(external, reruns_and_resume_with_an_external_method_give_the_same_table, .timeout = 300)
{
    char a[] = "/tmp/pb-ext-a-XXXXXX", b[] = "/tmp/pb-ext-b-XXXXXX", args[800], err[2048];
    cr_assert_not_null(mkdtemp(a));
    cr_assert_not_null(mkdtemp(b));
    snprintf(args, sizeof args, EXT_PLAN " --jobs 2 --out %s", a);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    snprintf(args, sizeof args, EXT_PLAN " --jobs 1 --out %s", b);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    char *ta = pb_test_table_without_timings(a), *tb = pb_test_table_without_timings(b);
    cr_assert_str_eq(ta, tb, "two identical runs with an external method differ");
    cr_assert(strstr(ta, "py-dft-peak"), "the external method has rows");
    /* An interrupted table (its last rows gone) completed by --resume. */
    snprintf(args, sizeof args, "head -n 6 '%s/runs.csv' > '%s/r' && mv '%s/r' '%s/runs.csv'", b, b, b, b);
    cr_assert_eq(system(args), 0);
    snprintf(args, sizeof args, EXT_PLAN " --jobs 2 --resume --out %s", b);
    cr_assert_eq(pb_test_run(args, NULL, err, sizeof err), 0, "%s", err);
    char *tr = pb_test_table_without_timings(b);
    cr_assert_str_eq(ta, tr, "resumed with an external method, the table differs");
    free(ta);
    free(tb);
    free(tr);
    snprintf(args, sizeof args, "rm -rf '%s' '%s'", a, b);
    cr_assert_eq(system(args), 0);
}
