#include "spectral/pb_peaks.h"

size_t pb_peaks_top(const double *p, size_t m, size_t k, size_t *idx)
{
    size_t found = 0;
    for (size_t j = 0; j < m && k > 0; j++) {
        int left = j == 0 || p[j] >= p[j - 1], right = j + 1 == m || p[j] > p[j + 1];
        if (!left || !right || (found == k && p[j] <= p[idx[k - 1]]))
            continue;
        /* insert j into the sorted list, dropping the lowest when full */
        size_t pos = found < k ? found++ : k - 1;
        while (pos > 0 && p[idx[pos - 1]] < p[j]) {
            idx[pos] = idx[pos - 1];
            pos--;
        }
        idx[pos] = j;
    }
    return found;
}
