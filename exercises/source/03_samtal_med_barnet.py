# ---
# jupyter:
#   jupytext:
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
# # Övning 3 – Samtal med barnet vid beslut och vid avslut
#
# *Exercise 3 – Talks with the child at decision and at closure.*
#
# Barnets delaktighet följs med variabeln *samtal med barnet*, vid beslut om insats (under
# utredningen) och vid avslut. Rapporten (§4.1, §5.3): samtal med barn sker i stor utsträckning under
# utredningen, men inte alls i samma omfattning vid uppföljning eller avslut – "ett konkret exempel på
# hur systematisk uppföljning bör kunna leda till utvecklingsarbeten på arbetsplatsen".
#
# **Du lär dig:** att jämföra två tillfällen (beslut och avslut), skilja på procent och procentenheter, och jämföra grupper av olika storlek.
#
# **Tid:** cirka 30 minuter.
#
# **Så här gör du**
#
# 1. Kör cellerna uppifrån och ned: klicka i en cell och tryck *Shift + Enter*.
# 2. Vid varje uppgift finns en cell där det står `svar_… = ...`. Byt ut `...` mot ditt svar och kör cellen.
# 3. Kör cellen under, som börjar med `check(`. Den säger om svaret stämmer och ger ett tips om det inte
#    gör det. Du kan försöka hur många gånger du vill.
#
# Skriv **andelar som decimaltal med punkt**: 57 % skrivs `0.57` (inte `0,57`). Bokstäver och namn skrivs
# **inom citattecken**: `"b"`, `"Umeå"`. All kod finns redan – du fyller bara i svar och ändrar ibland ett värde.
# Skriver du ändå `79 %`, `0,57` eller `b` utan citattecken går det bra: cellen visar hur den läste svaret.
#
# *Alla data här är syntetiska: påhittade registreringar, gjorda för att likna tabellerna i rapporten
# Webbkollen Barn och Unga (SKL 2018). Inget barn finns på riktigt.*

# %%
# Förberedelser: kör den här cellen först.
from webbkollen_lib import load_cases
from webbkollen_lib.analysis.change import paired_yes_no
from webbkollen_lib import summary_table
from webbkollen_lib.teaching.exercises import check, setup_exercise, show

setup_exercise()  # svar som 79 %, 0,57 eller b utan citattecken läses och förklaras

fall = load_cases()

# %% [markdown]
# ## Enskilda samtal vid beslut och vid avslut
#
# Kolumnerna är rapportens fyra grupper efter ursprung och kön (barn med okänt ursprung finns bara i
# *Totalt*). Procenten är räknade på dem som har ett svar; raden *Saknas* visar hur många som saknar
# svar. Jämför med rapportens tabell 7.

# %%
show(summary_table(fall, ["samtal_enskilt_beslut", "samtal_enskilt_avslut"], by="kon_ursprung", dropna=True))

# %% [markdown]
# ### Uppgift 3.1
#
# Hur stor andel av **alla barnen** (kolumnen *Totalt*) hade ett enskilt samtal **vid beslut** om insats? Svara med ett decimaltal.

# %% tags=["solution"]
svar_3_1 = 0.57

# %%
check("uppgift_3_1", svar_3_1, fall);

# %% [markdown]
# ### Uppgift 3.2
#
# Hur stor andel av alla barnen hade ett enskilt samtal **vid avslut** av insatsen?

# %% tags=["solution"]
svar_3_2 = 0.32

# %%
check("uppgift_3_2", svar_3_2, fall);

# %% [markdown]
# ### Uppgift 3.3
#
# Hur många **procentenheter** lägre är andelen vid avslut än vid beslut? Svara i procentenheter, till
# exempel `12`.
#
# *Procentenheter* är skillnaden mellan två procenttal: från 40 % till 30 % är 10 procentenheter lägre
# – men 25 procent lägre räknat relativt (10 av 40).

# %% tags=["solution"]
svar_3_3 = 25

# %%
check("uppgift_3_3", svar_3_3, fall);

# %% [markdown]
# ### Uppgift 3.4
#
# I vilken grupp **minskar andelen minst** från beslut till avslut (eller ökar)?
#
# - **a)** Svenskfödda flickor
# - **b)** Svenskfödda pojkar
# - **c)** Utlandsfödda flickor
# - **d)** Utlandsfödda pojkar

# %% tags=["solution"]
svar_3_4 = "c"

# %%
check("uppgift_3_4", svar_3_4, fall);

# %% [markdown]
# ## För den som vill veta mer: samma insats vid två tillfällen
#
# Samtalen vid beslut och vid avslut gäller samma insats, så man kan räkna parvis: hur många hade samtal
# vid beslut men inte vid avslut, och tvärtom. McNemars test prövar om andelen har ändrats
# (`share_before` = andel vid beslut, `share_after` = vid avslut, `difference` = skillnaden, `p` = p-värdet).

# %%
paired_yes_no(fall, "samtal_enskilt_beslut", "samtal_enskilt_avslut", by="kon_ursprung", lang="sv")[["n", "share_before", "share_after", "difference", "p"]]

# %% [markdown]
# ## Att diskutera
#
# - Varför sker samtal med barnet mer sällan vid avslut? Vad skulle krävas för att ändra det hos er?
# - Utlandsfödda pojkar har mycket höga andelar – många är ensamkommande, utan vårdnadshavare i Sverige. Vad betyder det för jämförelsen mellan grupperna?
# - Utlandsfödda flickor är en liten grupp (se N i kolumnrubriken). Hur mycket skulle du lita på förändringen där?
# - Hur skulle ni kunna följa barnets delaktighet i er egen verksamhet?
