# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#       jupytext_version: 1.19.6
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # Inter-rater agreement: methods
#
# This notebook is for researchers who use `webbkollen_lib.agreement` beyond the Webbkollen vignettes.
# It explains each coefficient (formula, when to use it), the kappa paradoxes and why Gwet's AC1 exists,
# weights for ordered categories, missing ratings and inference, and it reproduces two published worked
# examples: **Fleiss (1971)** and **Krippendorff (2011)**.
#
# Every number below is computed by the library; the notebook only calls it and shows the results.
# The test suite (`tests/test_agreement.py`) checks the same functions against R's irrCAC (through its
# Python port and the outputs printed in its README), the `krippendorff` package and statsmodels, to 1e-6.

# %%
import numpy as np
import pandas as pd

from webbkollen_lib import agreement as ag

pd.set_option("display.precision", 4)
SHOW = ["coefficient", "value", "se", "ci_low", "ci_high", "pa", "pe"]

# %% [markdown]
# ## 1. Data layout and missing ratings
#
# All coefficients take a **units × raters** table: one row per unit (a case, a vignette), one column per
# rater, a category in each cell. A missing rating is `NaN`/`None`; the answer *inte känt* (not known) is
# also a missing rating, never a category. Units may be rated by different numbers of raters.
#
# Two conventions matter when ratings are missing (they are irrCAC's, and Krippendorff's):
#
# * observed agreement is averaged over the units rated by **at least two** raters (a unit with one rating
#   has no pair to agree or disagree);
# * the category shares used for chance agreement come from **every** unit with at least one rating.
#
# Long data (one row per rater and unit, as `load_vignette_ratings()` returns) is turned into this layout
# with `ag.from_long(df, unit="vinjett", rater="bedomare", value="risk")`; a count table (units ×
# categories) with `ag.counts_to_ratings(counts)`. Give the full category list (`categories=` or an
# ordered Categorical): categories nobody used still count.
#
# Krippendorff's (2011) reliability data: 4 observers, 12 units, values 1–5, with gaps.

# %%
kripp = ag.published_example("krippendorff_2011")
kripp

# %%
res = ag.percent_agreement(kripp)
print(f"units with any rating: {res.n_units}; rated by two or more: {res.n_units_paired}; "
      f"percent agreement: {res.value:.4f}")

# %% [markdown]
# ## 2. The coefficients
#
# Notation: $n$ units, $r_{ik}$ raters put unit $i$ in category $k$, $r_i=\sum_k r_{ik}$, $q$ categories,
# weights $w_{kl}$ (identity unless stated), $r^\star_{ik}=\sum_l w_{kl} r_{il}$, and
# $\pi_k = \frac1n\sum_i r_{ik}/r_i$. All chance-corrected coefficients have the form
#
# $$\hat\kappa = \frac{p_a - p_e}{1 - p_e},\qquad
# p_a = \frac{1}{n_2}\sum_{i:\,r_i\ge2}\sum_k\frac{r_{ik}(r^\star_{ik}-1)}{r_i(r_i-1)}$$
#
# and differ only in the chance agreement $p_e$:
#
# | function | chance agreement $p_e$ | use it when |
# |---|---|---|
# | `percent_agreement` | 0 (not corrected) | as a plain description, always next to a corrected coefficient |
# | `fleiss_kappa` (Fleiss 1971) | $\sum_{kl} w_{kl}\pi_k\pi_l$ | many raters, possibly different raters per unit; raters are exchangeable |
# | `conger_kappa` (Conger 1980) | $\sum_{kl} w_{kl}(\bar p_k\bar p_l - s^2_{kl}/r)$, from each rater's own shares $p_{gk}$ | the same raters rate every unit and you want their individual habits in $p_e$ (Cohen's kappa for two raters) |
# | `gwet_ac1` / AC2 (Gwet 2008, 2014) | $\frac{T_w}{q(q-1)}\sum_k\pi_k(1-\pi_k)$ | prevalence is skewed (one category dominates), where kappa misbehaves |
# | `brennan_prediger` (1981) | $T_w/q^2$ (uniform) | the category list is fixed by design and every category was a real option |
# | `krippendorff_alpha` (Krippendorff 2011) | from the coincidence matrix: $\alpha = 1-(n_{\cdot\cdot}-1)\frac{\sum o_{ck}\delta^2_{ck}}{\sum n_c n_k\delta^2_{ck}}$ | content-analysis style reliability; any number of raters, missing data, and a level of measurement |
#
# ($T_w=\sum_{kl}w_{kl}$, so $T_w=q$ unweighted.) Each result carries `.value`, `.se`, `.ci`, `.p_value`,
# `.n_units`, `.n_raters`; `ag.summary()` gives them all in one table.

# %%
ag.summary(kripp)[SHOW]

# %% [markdown]
# ## 3. Worked example: Fleiss (1971)
#
# Thirty psychiatric patients were each diagnosed by six psychiatrists (drawn from a larger pool) into
# five categories. Fleiss printed only how many psychiatrists chose each diagnosis, so the columns are
# arbitrary: Fleiss' kappa is the right coefficient here, Conger's is not (it needs the same raters in a
# column). Fleiss reports $\hat\kappa = .430$.

# %%
fleiss = ag.published_example("fleiss_1971")
fleiss.head()

# %%
# NBVAL_CHECK_OUTPUT
kappa = ag.fleiss_kappa(fleiss)
print(f"Fleiss' kappa: {kappa.value:.3f}  (Fleiss 1971 reports {fleiss.attrs['reported']['fleiss_kappa']:.3f})")

# %%
ag.summary(fleiss).drop(index="conger_kappa")[SHOW]

# %% [markdown]
# ## 4. Worked example: Krippendorff (2011)
#
# Krippendorff reports alpha for the data of section 1 at four levels of measurement. The difference
# function $\delta^2_{ck}$ defines the level:
#
# * nominal: $[c\ne k]$;
# * ordinal: $\big(\sum_{g=c}^{k} n_g - \tfrac{n_c+n_k}{2}\big)^2$, built from how often each value was used;
# * interval: $(c-k)^2$;
# * ratio: $\big(\tfrac{c-k}{c+k}\big)^2$.

# %%
# NBVAL_CHECK_OUTPUT
reported = kripp.attrs["reported"]
pd.DataFrame({
    "Krippendorff (2011)": reported,
    "webbkollen_lib": {level: round(ag.krippendorff_alpha(kripp, level=level).value, 3) for level in reported},
})

# %% [markdown]
# **Two different "ordinal"s.** irrCAC's `weights="ordinal"` is a fixed weight matrix on category ranks,
# used by the kappa family, AC2 and Brennan–Prediger. Krippendorff's `level="ordinal"` is a metric that
# depends on the observed frequencies of the values. They are different statistics, so the library keeps
# them apart: **weights** are always `weights=`, Krippendorff's **levels** are always `level=`. Some
# levels do coincide with irrCAC weights (alpha is unchanged when $\delta^2$ is rescaled):
# nominal = identity, interval = quadratic, ratio = ratio. Ordinal does not:

# %%
pd.DataFrame({
    "level=": {lv: ag.krippendorff_alpha(kripp, level=lv).value for lv in ["nominal", "interval", "ratio", "ordinal"]},
    "weights=": {lv: ag.krippendorff_alpha(kripp, weights=w).value
                 for lv, w in [("nominal", "identity"), ("interval", "quadratic"), ("ratio", "ratio"), ("ordinal", "ordinal")]},
})

# %% [markdown]
# A warning about other software: R's `irr::kripp.alpha` gives wrong values on complete data with more
# than two raters, and statsmodels' `aggregate_raters` turns `NaN` into a category of its own. Check
# numbers against irrCAC or the `krippendorff` package instead (the tests here do).
#
# ## 5. The kappa paradoxes, and why AC1 exists
#
# Feinstein & Cicchetti (1990) described two paradoxes of kappa: with high observed agreement kappa can
# be low, and it depends on the marginal distributions. The cause is $p_e$: when one category dominates,
# two raters who both say "yes" most of the time agree by "chance" very often, $p_e$ approaches 1 and
# kappa divides a small number by a small number. Gwet's AC1 defines chance agreement as agreement on
# units that are hard to classify; it stays small when the prevalence is skewed.
#
# Two tables of 100 units rated by two raters, both with 90 % agreement: in the first, "ja" and "nej"
# are equally common; in the second, "ja" dominates.

# %%
balanced = pd.DataFrame({"ja": [2] * 45 + [0] * 45 + [1] * 10, "nej": [0] * 45 + [2] * 45 + [1] * 10})
skewed = pd.DataFrame({"ja": [2] * 88 + [0] * 2 + [1] * 10, "nej": [0] * 88 + [2] * 2 + [1] * 10})
functions = [ag.percent_agreement, ag.fleiss_kappa, ag.gwet_ac1, ag.brennan_prediger, ag.krippendorff_alpha]
pd.DataFrame({
    name: {f.__name__: f(ag.counts_to_ratings(counts)).value for f in functions}
    for name, counts in [("balanced prevalence", balanced), ("skewed prevalence", skewed)]
})

# %% [markdown]
# Same agreement, very different kappa and alpha; AC1 and Brennan–Prediger follow the raw agreement.
# Neither is "right": report the percent agreement and the prevalence next to any coefficient, and prefer
# AC1 when one category is rare (as many exposure options in the Webbkollen checklists are).
#
# ## 6. Weights for ordered categories
#
# The risk scale (`ingen_lag` < `nagot_forhojd` < `hog` < `mycket_hog`) is ordered: disagreeing by one
# step is less serious than by three. Weighted coefficients give partial credit $w_{kl}$ for near misses.
# irrCAC's weights, with category values $v$ (numbers as given, labels 1..q):
#
# | weights | $w_{kl}$ |
# |---|---|
# | identity | $[k=l]$ |
# | linear | $1-\lvert v_k-v_l\rvert/(v_{max}-v_{min})$ |
# | quadratic | $1-(v_k-v_l)^2/(v_{max}-v_{min})^2$ |
# | radical | $1-\sqrt{\lvert v_k-v_l\rvert}/\sqrt{v_{max}-v_{min}}$ |
# | ratio | $1-\big(\frac{v_k-v_l}{v_k+v_l}\big)^2/\big(\frac{v_{max}-v_{min}}{v_{max}+v_{min}}\big)^2$ |
# | circular | $1-d_{kl}/\max d$, $d_{kl}=\sin^2\big(\pi(v_k-v_l)/(v_{max}-v_{min}+1)\big)$ |
# | bipolar | $1-d_{kl}/\max d$, $d_{kl}=\frac{(v_k-v_l)^2}{(v_k+v_l-2v_{min})(2v_{max}-v_k-v_l)}$ |
# | ordinal | $1-d_{kl}/\max d$, $d_{kl}=\binom{\lvert k-l\rvert+1}{2}$ on ranks |

# %%
from webbkollen_lib import get_codebook

risk = get_codebook()["risk_beslut"]
risk_levels = risk.categories  # codes, in order; labels come from the codebook
ag.weight_matrix("quadratic", risk_levels).rename(index=risk.code_labels("en"), columns=risk.code_labels("en"))

# %%
weights = ["identity", "linear", "quadratic", "ordinal", "radical"]
pd.DataFrame({w: {"Fleiss' kappa": ag.fleiss_kappa(kripp, weights=w).value,
                  "AC1/AC2": ag.gwet_ac1(kripp, weights=w).value,
                  "Brennan-Prediger": ag.brennan_prediger(kripp, weights=w).value} for w in weights})

# %% [markdown]
# ## 7. Inference: standard errors, intervals, p-values, bootstrap, benchmarks
#
# * **Standard errors** use Gwet's linearisation (Gwet 2014, ch. 5), exactly as irrCAC. With
#   `population_size=N` the variance is multiplied by $1-n/N$ (finite-population correction), for when
#   the units are a sizeable share of all units of interest.
# * **Confidence intervals**: $\hat\kappa \pm t_{n-1,\,1-a/2}\,\widehat{se}$, upper bound capped at 1
#   (irrCAC's convention).
# * **p-values** test "coefficient = 0" against $t_{n-1}$. `alternative="two-sided"` (default),
#   `"greater"` or `"less"`; the result states which. R's irrCAC (≥ 1.0) reports the right-tailed value,
#   i.e. `alternative="greater"`.

# %%
for alternative in ["two-sided", "greater"]:
    print(ag.gwet_ac1(fleiss, alternative=alternative))

# %% [markdown]
# **Bootstrap.** `ag.bootstrap` resamples units (and optionally raters, which matters when the raters
# are a sample of all possible raters), is seeded, and computes all replicates at once with array
# arithmetic. It works for every coefficient, including Krippendorff's ordinal alpha, whose metric
# changes with the data and for which the linearised SE is only an approximation.

# %%
# Krippendorff's observers are real people, so resampling them makes sense too
lin = ag.krippendorff_alpha(kripp, level="ordinal")
boot_units = ag.bootstrap(kripp, "krippendorff_alpha", level="ordinal", n_boot=2000, seed=2011)
boot_both = ag.bootstrap(kripp, "krippendorff_alpha", level="ordinal", n_boot=2000, seed=2011, resample="both")
pd.DataFrame({
    "linearisation": {"se": lin.se, "ci_low": lin.ci[0], "ci_high": lin.ci[1]},
    "bootstrap, units": {"se": boot_units.se, "ci_low": boot_units.ci[0], "ci_high": boot_units.ci[1]},
    "bootstrap, units and raters": {"se": boot_both.se, "ci_low": boot_both.ci[0], "ci_high": boot_both.ci[1]},
}).T

# %% [markdown]
# With only 12 units every interval is wide; the percentile intervals respect the upper limit of 1 by
# construction, while the linearised interval is simply cut at 1. (The columns of Fleiss' table are not
# real raters, so there only the units should be resampled.)

# %% [markdown]
# **Benchmarks.** Landis & Koch, Altman and Fleiss proposed verbal scales ("moderate", "substantial").
# Reading the point estimate off a scale ignores its uncertainty. Gwet's probabilistic benchmarking
# computes the probability that the true coefficient lies in each interval and picks the highest
# interval whose *cumulative* probability reaches 95 %.

# %%
ag.benchmark(ag.fleiss_kappa(fleiss), scale="landis_koch").round(4)

# %% [markdown]
# For Fleiss' data the point estimate (0.43) lies in "Moderate", and with its standard error we can
# only be 95 % sure of "Fair".
#
# ## 8. One vignette, many raters
#
# Agreement coefficients need several units. The Webbkollen report asked about each vignette alone:
# how concentrated are the ratings of one case? `ag.consensus` gives several measures for one unit, each
# with a bootstrap interval over raters (see its docstring for formulas and references): the modal share,
# the share within one step of the median, Tastle & Wierman's consensus, Leik's ordinal dispersion, the
# index of qualitative variation, $r_{wg}$ (James, Demaree & Wolf 1984) and $a_{wg}$ (Brown & Hauenstein
# 2005).
#
# The risk ratings the report gives (§3.3): Assi, 10 *mycket hög* and 2 *hög*; Max, 1 *något förhöjd*,
# 2 *hög*, 4 *mycket hög*; Jamila, 2 *ingen/låg*, 11 *något förhöjd*, 2 *hög* and one *inte känt*
# (left out as missing).

# %%
report = {
    "Assi": ["mycket_hog"] * 10 + ["hog"] * 2,
    "Max": ["nagot_forhojd"] + ["hog"] * 2 + ["mycket_hog"] * 4,
    "Jamila": ["ingen_lag"] * 2 + ["nagot_forhojd"] * 11 + ["hog"] * 2 + ["inte_kant"],
}
consensus = {name: ag.consensus(ratings, categories=risk_levels, n_boot=2000, seed=2017)
             for name, ratings in report.items()}
pd.concat({name: table[["value", "ci_low", "ci_high"]] for name, table in consensus.items()}, axis=1)

# %% [markdown]
# With 7 raters (Max) the intervals are wide: a single vignette rated by a handful of social workers
# cannot pin agreement down precisely, whatever the measure.
#
# ## 9. Checklists (multi-select questions)
#
# Identified exposure, suggested intervention and intervention focus are tick-all-that-apply questions.
# Two views:
#
# * per option: the share ticking it and its agreement across vignettes, treating each option as a
#   yes/no rating (`ag.checklist_shares`, `ag.checklist_agreement`: Fleiss, AC1 and alpha per option);
# * the whole set: Krippendorff's alpha with a distance between the sets of ticked options
#   (`ag.checklist_alpha`, `ag.krippendorff_alpha_sets`), Jaccard
#   $d = 1 - |A\cap B|/|A\cup B|$ or MASI (Passonneau 2006), which also credits one set containing the
#   other. Two raters who both ticked nothing agree (distance 0).

# %%
sets = [  # three units, three raters: the options each rater ticked (None = did not answer)
    [{"fysiskt_vald"}, {"fysiskt_vald"}, {"fysiskt_vald", "bristande_omsorg"}],
    [{"bristande_omsorg"}, {"bristande_omsorg", "familjekonflikt"}, None],
    [set(), set(), {"familjekonflikt"}],
]
pd.Series({d: ag.krippendorff_alpha_sets(sets, distance=d).value for d in ["jaccard", "masi"]}, name="alpha")

# %% [markdown]
# ## 10. What the tests check
#
# * every Gwet-family coefficient (percent agreement, Fleiss, Conger, AC1/AC2, Brennan–Prediger) with
#   every irrCAC weight, values **and** standard errors, against irrCAC's Python port on random data with
#   missing ratings, unused categories and a finite-population correction;
# * Krippendorff's alpha at all four levels against the `krippendorff` package, and its standard error
#   against the output printed in irrCAC's README (R's current formula; the Python port still uses an
#   older one, which agrees only when every unit has the same number of ratings);
# * Fleiss' kappa against statsmodels on complete data, two-rater Conger against statsmodels' Cohen's
#   kappa (unweighted, linear, quadratic);
# * the published values of Fleiss (1971) and Krippendorff (2011) used above;
# * properties: the order of raters and units does not matter, perfect agreement gives 1 where the
#   coefficient is defined, and degenerate tables give a value, a NaN with a note, or a clear error.
#
# ### References
#
# Brennan, R. L. & Prediger, D. J. (1981). *Educational and Psychological Measurement* 41, 687–699. ·
# Brown, R. D. & Hauenstein, N. M. A. (2005). *Organizational Research Methods* 8, 165–184. ·
# Conger, A. J. (1980). *Psychological Bulletin* 88, 322–328. ·
# Feinstein, A. R. & Cicchetti, D. V. (1990). *Journal of Clinical Epidemiology* 43, 543–549. ·
# Fleiss, J. L. (1971). *Psychological Bulletin* 76, 378–382. ·
# Gwet, K. L. (2008). *British Journal of Mathematical and Statistical Psychology* 61, 29–48. ·
# Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.). Advanced Analytics. ·
# James, L. R., Demaree, R. G. & Wolf, G. (1984). *Journal of Applied Psychology* 69, 85–98. ·
# Krippendorff, K. (2011). *Computing Krippendorff's alpha-reliability*. University of Pennsylvania. ·
# Landis, J. R. & Koch, G. G. (1977). *Biometrics* 33, 159–174. ·
# Leik, R. K. (1966). *Pacific Sociological Review* 9, 85–90. ·
# Passonneau, R. (2006). *Proceedings of LREC 2006*. ·
# Tastle, W. J. & Wierman, M. J. (2007). *International Journal of Approximate Reasoning* 45, 531–545.
