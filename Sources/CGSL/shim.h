/* GSL: distributions, statistics and special functions only.
   Never include gsl_randist.h / gsl_matrix.h / gsl_vector.h / gsl_blas.h here: they pull in
   gsl_cblas.h, whose CBLAS enums clash with OpenBLAS's in any module importing both. */
#include <gsl/gsl_errno.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_statistics_double.h>
#include <gsl/gsl_sf_gamma.h>
#include <gsl/gsl_rng.h>

/* Swift 6 refuses to read GSL's mutable global `gsl_rng_mt19937` (shared mutable state); GSL never
   writes it after load, so hand it out through a function. */
static inline const gsl_rng_type *emoshift_gsl_rng_mt19937(void) { return gsl_rng_mt19937; }
