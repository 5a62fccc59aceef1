/* What a tenth adversarial pass found and is now refused: frequency
 * columns on a method that reports no periods (a baseline "found" the CO2
 * cycle), and an empty found on a method that reports them (a data success
 * judged without its periods), and an inverted band given the wrong
 * advice. Open, and in the notes: found against
 * freq_err, and rescoring baselines on built-in tasks. */
#include <criterion/criterion.h>

#include "helpers/cli_run.h"
#include "helpers/forged_tables.h"

#define TONE "run --tasks tone --methods lomb-scargle,mean --seeds 2 --quiet"
#define DATA "run --tasks data:%s/w.csv --methods lomb-scargle --seeds 2 --quiet"

Test(tenth_pass, a_method_without_periods_has_no_frequency_columns, .timeout = 60)
{
    pb_test_forged_resume_refused(TONE, 0, "mean", "$8 = 1; $11 = 0.2; $12 = 1e-9", "reports no periods");
    pb_test_forged_resume_refused(DATA, 1, "mean", "$8 = 1; $12 = 1e-6", "reports no periods");
}

Test(tenth_pass, a_method_with_periods_has_a_found, .timeout = 60)
{
    pb_test_forged_resume_refused(TONE, 0, "lomb-scargle", "$8 = \"\"", "has a found");
    pb_test_forged_resume_refused(DATA, 1, "lomb-scargle", "$7 = 1; $8 = \"\"", "has no found");
}

Test(tenth_pass, an_inverted_band_is_called_so)
{
    pb_test_expect_refused("periodogram tests/data/sunspots_yearly.csv --fmin 0.3 --fmax 0.1", "not below --fmax");
}
