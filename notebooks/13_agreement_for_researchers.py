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
# # Agreement for researchers who design the next test
#
# The Webbkollen report ran two agreement tests (*samstämmighetstest*): in test 1 social workers rated
# the risk for Assi and Max, in test 2 for Jamila, Tobias and Mohammad. This notebook uses the tools a
# researcher needs to read those tests and to plan the next one:
#
# 1. **BCa bootstrap intervals** beside the percentile ones;
# 2. **category-specific agreement**: do we agree on *hög* but not on *något förhöjd*?
# 3. **both standard errors of Fleiss' kappa**, the one for the test and the one for the interval;
# 4. **rater diagnostics**, shown only anonymously;
# 5. **study planning**: what precision did 15–25 raters on one vignette buy, and what would the next
#    test need?
# 6. two raters' **contingency tables** and the two variance conventions in use.
#
# The ratings are the package's synthetic data, built to reproduce the report's published counts; the
# report's numbers stand beside ours wherever it gives them. The methods notebook
# (`07_agreement_methods`) explains the coefficients themselves.

# %%
import pandas as pd

from webbkollen_lib import agreement as ag
from webbkollen_lib import get_codebook, load_vignette_ratings
from webbkollen_lib.agreement.vignettes import as_scale, risk_codes, risk_distribution
from webbkollen_lib.plots.agreement import plot_study_plan, study_plan_alt
from webbkollen_lib.present.vignettes import rater_table

pd.set_option("display.precision", 3)
ratings = load_vignette_ratings()
risk_levels = get_codebook()["risk"].categories

# %% [markdown]
# ## The report's counts beside the data
#
# `published` is the report's count (§3.3); the synthetic ratings reproduce it. *Inte känt* is a missing
# rating, not a level of the scale. The report gives no distribution for Mohammad (4 raters).

# %%
# NBVAL_CHECK_OUTPUT
dist = risk_distribution(ratings)
dist.pivot(index="vinjett", columns="risk", values="n").loc[["assi", "max", "jamila", "tobias", "mohammad"]]

# %%
# NBVAL_CHECK_OUTPUT
print("every published count reproduced:",
      bool((dist.dropna(subset=["published"])["n"] == dist.dropna(subset=["published"])["published"]).all()))

# %% [markdown]
# ## 1. BCa intervals
#
# A percentile interval takes the 2.5 % and 97.5 % quantiles of the bootstrap replicates. The
# bias-corrected and accelerated (BCa) interval (Efron & Tibshirani 1993, ch. 14) moves those quantiles:
# $z_0$ corrects for a bootstrap distribution that is not centred on the estimate, and the acceleration
# $a$, from leaving out one unit (or rater) at a time, for a standard error that changes with the value.
# Both are in every `ag.bootstrap` result (`ci`, `ci_bca`) and in `ag.consensus` (`ci_low/ci_high`,
# `bca_low/bca_high`). The tests check them against `scipy.stats.bootstrap(method="BCa")` on the same
# resamples.
#
# One vignette, many raters: the consensus about each vignette, from the report's own counts.

# %%
# the report's counts, read from the shipped reference (its vignette table), one value per rater
published = dist.dropna(subset=["published"])
report_counts = {f"{v.capitalize()} ({int(part['published'].sum())})":
                 part["risk"].astype(str).repeat(part["published"].astype(int).to_numpy()).tolist()
                 for v, part in published.groupby("vinjett", sort=False, observed=True)}
cols = ["value", "ci_low", "ci_high", "bca_low", "bca_high"]
consensus = {name: ag.consensus(values, categories=risk_levels, n_boot=4000, seed=2017)
             for name, values in report_counts.items()}
pd.concat({name: table.loc[["tastle_wierman", "modal_share"], cols] for name, table in consensus.items()})

# %% [markdown]
# Across the vignettes of a test the bootstrap has to resample the raters: with two or three vignettes
# there is nothing to resample among the units (and `ag.bootstrap` warns below 20 units, as R's
# `agreement` package does). Test 2, Krippendorff's ordinal alpha:

# %%
test2 = ratings[ratings["test"] == 2].copy()
test2["risk"] = as_scale(risk_codes(test2["risk"], "notebook"))
wide2 = ag.from_long(test2, unit="vinjett", rater="bedomare", value="risk")
alpha2 = ag.krippendorff_alpha(wide2, level="ordinal")
boot2 = ag.bootstrap(wide2, "krippendorff_alpha", level="ordinal", resample="raters", n_boot=2000, seed=2017)
pd.DataFrame({
    "estimate": [alpha2.value] * 3,
    "low": [alpha2.ci[0], boot2.ci[0], boot2.ci_bca[0]],
    "high": [alpha2.ci[1], boot2.ci[1], boot2.ci_bca[1]],
}, index=["t interval (2 df)", "percentile, raters", "BCa, raters"])

# %% [markdown]
# The t interval with two degrees of freedom spans most of the possible range: three vignettes cannot pin
# agreement down. The bootstrap intervals over raters are narrower because they answer a narrower
# question (the uncertainty from *which* social workers answered, for *these* three vignettes).
#
# ## 2. Agreement on each category
#
# `ag.category_agreement` gives, per category, the **proportion of specific agreement** (Uebersax 1982):
# given that one rater chose this level, how often a second rater of the same vignette chose it too; and
# **Fleiss' per-category kappa** with its two standard errors (R `irr::kappam.fleiss(detail = TRUE)`
# gives the first). First Fleiss' (1971) own example, where he reports 0.245, 0.245, 0.520, 0.471 and
# 0.566:

# %%
# NBVAL_CHECK_OUTPUT
ag.category_agreement(ag.published_example("fleiss_1971"))[["share", "specific_agreement", "kappa", "z"]].round(3)

# %% [markdown]
# And the trainer's question for test 2: do we agree on *hög* but not on *något förhöjd*?

# %%
spec2 = ag.category_agreement(wide2)
labels = get_codebook()["risk"].code_labels("sv")
spec2.rename(index=labels)[["n_ratings", "share", "specific_agreement", "kappa", "se", "ci_low", "ci_high"]]

# %% [markdown]
# With three vignettes the intervals of the per-category kappas are wide, but the specific agreement
# already tells the trainer where the raters part. In these ratings it is the other way round from the
# question: a rater who chose *något förhöjd* met a colleague of the same vignette on the same level
# about twice as often as one who chose *hög*, and one who chose *ingen/låg* almost never did.
#
# ## 3. Fleiss' kappa has two standard errors
#
# `.se` (Gwet's linearisation, as irrCAC) is valid whatever kappa is and is behind `.ci`. `.se_h0` is
# the standard error under the null hypothesis kappa = 0 (Fleiss, Nee & Landis 1979), which R's irr uses
# for its z test. It is only for that test: away from 0 it is too small, and an interval built on it is
# too narrow, which is what JASP's users found (jasp-issues #4509). For Fleiss' data:

# %%
# NBVAL_CHECK_OUTPUT
fk = ag.fleiss_kappa(ag.published_example("fleiss_1971"))
print(f"kappa {fk.value:.4f}; se (for the interval) {fk.se:.4f}; se_h0 (for the test) {fk.se_h0:.4f}; "
      f"z = kappa / se_h0 = {fk.value / fk.se_h0:.2f} (irr prints 17.65)")

# %% [markdown]
# `se_h0` needs the same number of ratings on every unit; in the vignette tests the raters differ
# between vignettes, so there it is NaN and only `.se` is given.
#
# ## 4. Rater diagnostics, anonymously
#
# `ag.leave_one_rater_out` shows how each coefficient changes without each rater, and
# `ag.rater_positions` where each rater sits on the scale against the others *on the same vignettes*
# (who rates systematically higher). **In a workshop these are shown only anonymously, only to the
# group itself, and never with fewer raters than the disclosure threshold (5)**: with three or four
# colleagues, "rater B" is soon someone. `rater_table` enforces both (letters in a random order; refused
# below the threshold). The numbers are for improving the test and the training, never for judging a
# social worker.

# %%
table = rater_table(ratings[ratings["test"] == 2], seed=19)
print(table.attrs["caution"])
table

# %%
try:
    rater_table(ratings[ratings["vinjett"] == "mohammad"])
except ValueError as refusal:
    print(refusal)

# %% [markdown]
# ## 5. Study planning: what did the report's design buy, and what would the next test need?
#
# `ag.plan_study` simulates agreement tests under the common-correlation model of kappa sample-size work
# (each rater gives the vignette's true level with probability $\theta$, otherwise a level drawn from the
# prevalence), for every design of a grid, and reports how widely the estimate lands around the value
# expected. The tests check the simulation against the published large-sample variance of kappa (Bloch
# & Kraemer 1989), itself checked against a published output.
#
# First the report's design. One vignette rated by 15–25 social workers gives a consensus measure, not an
# agreement coefficient; its precision is the width of the bootstrap interval above, e.g. Jamila:

# %%
jam = consensus["Jamila (16)"]  # 15 with a level and one "inte känt"
(jam[["ci_low", "ci_high"]].diff(axis=1).iloc[:, 1] / 2).rename("half-width of the 95 % interval").round(2)

# %% [markdown]
# An agreement coefficient needs several vignettes. Suppose the next test expects ordinal alpha around
# 0.5 (test 2 gave the value above) and the levels as common as in test 2's ratings. How many vignettes
# and raters give a 95 % half-width of 0.1?

# %%
prevalence = (dist[dist["risk"].isin(risk_levels) & dist["vinjett"].isin(["jamila", "tobias", "mohammad"])]
              .groupby("risk", observed=True)["n"].sum().reindex(risk_levels))
prevalence = (prevalence / prevalence.sum()).to_numpy()
plan = ag.plan_study(0.5, prevalence=prevalence, coefficient="krippendorff_alpha", level="ordinal",
                     n_units=[3, 5, 10, 20, 40], n_raters=[5, 15, 25], half_width=0.1, n_sim=1000,
                     seed=2017, n_jobs=2)
plan.pivot(index="n_units", columns="n_raters", values="half_width")

# %%
fig = plot_study_plan(plan, lang="en")
fig

# %%
print(study_plan_alt(plan, lang="en"))

# %% [markdown]
# Going from 5 to 15 raters helps a lot, from 15 to 25 much less; more vignettes help most. Three
# vignettes, as in test 2, leave a half-width of about 0.4 even with 25 raters; a half-width of 0.1
# needs some 40 vignettes:

# %%
plan[plan["meets_target"]].sort_values(["n_ratings"]).head(3)[["n_units", "n_raters", "n_ratings", "half_width"]]

# %% [markdown]
# ## 6. Two raters, one contingency table, two conventions
#
# For two raters irrCAC has table functions whose variance divides by $n$, while its per-unit functions
# (and this package) divide by $n - 1$: the standard errors differ by $\sqrt{(n-1)/n}$.
# `ag.contingency_agreement` gives both, named apart. Statsmodels' test suite has a SAS printout for this
# table: Kappa 0.4842, ASE 0.1380, which is the table convention.

# %%
# NBVAL_CHECK_OUTPUT
ag.contingency_agreement([[0, 4, 1], [0, 8, 0], [0, 1, 5]])[["coefficient", "value", "se", "se_table"]].round(4)

# %% [markdown]
# An asymmetric custom weight matrix is refused: the formulas count each pair of raters both ways, so it
# would silently act as its average (irrCAC accepts it without a word).
#
# ## What the tests check
#
# * BCa intervals equal `scipy.stats.bootstrap(method="BCa")`'s on the same resamples, for every
#   coefficient, over units and over raters; the consensus measures' within Monte-Carlo error
#   (`tests/test_agreement_bca.py`).
# * Per-category kappas against Fleiss (1971), z against irr's printout, specific agreement against R
#   `agreement`'s README, per-category kappa and SE with missing ratings against irrCAC's port
#   (`tests/test_agreement_specific.py`).
# * Leave-one-rater-out against recomputation without the rater, positions written out unit by unit, the
#   anonymous table (`tests/test_agreement_diagnostics.py`).
# * The planning simulation against Bloch & Kraemer's variance, checked in turn against statpsych's
#   published example (`tests/test_agreement_planning.py`).
# * The peers' own cases: the `krippendorff` package's doctests, statsmodels' inter-rater tests (Fleiss,
#   SAS and irr outputs), irrCAC's table functions (`tests/test_agreement_peers.py`).
#
# ### References
#
# Bloch, D. A. & Kraemer, H. C. (1989). *Biometrics* 45, 269–287. ·
# Efron, B. & Tibshirani, R. (1993). *An Introduction to the Bootstrap*. Chapman & Hall. ·
# Fleiss, J. L. (1971). *Psychological Bulletin* 76, 378–382. ·
# Fleiss, J. L., Nee, J. C. M. & Landis, J. R. (1979). *Psychological Bulletin* 86, 974–977. ·
# Gwet, K. L. (2014). *Handbook of Inter-Rater Reliability* (4th ed.). ·
# Uebersax, J. S. (1982). *Journal of Psychiatric Research* 17, 335–342.
