"""Öppna jämförelser 2015, social barn- och ungdomsvård: eight north-west Stockholm municipalities, as published.

Öppna jämförelser (Socialstyrelsen with SKL) compares municipalities on
indicators of the social child and youth care. FoU-Nordväst's compilation
*Resultat av Öppna jämförelser, Barn och ungdomsvård 2015, Nordvästkommunerna i
Stockholms län* (2015-04-22, ``shared/seeds/004_…``) prints the 2015 results
of Upplands Väsby, Järfälla, Ekerö, Upplands-Bro, Sollentuna, Sundbyberg,
Solna and Sigtuna beside Riket, Stockholms län and Jönköpings län. These are
**real, public, aggregate** figures, shipped exactly as published (nothing
here is synthetic):

* ``data/oppna_jamforelser_2015.csv``: every cell of the 13 result tables of
  chapter 2 and the background table of chapter 3 (48 indicators and 4
  background measures × 11 units, 572 cells), in long form, with the cell as
  printed and its value (:func:`.indicators.load_oppna_jamforelser`);
* ``data/indikatorer.csv``: the indicator catalogue, from the indicator
  definitions printed before each table (område, sub-area, type, target,
  measurement date, numerator and denominator; :func:`.indicators.load_indicators`);
* ``data/kommuner.csv``: befolkningsgrupp (1–5) and SKL's kommuntyp (1–10) of
  the eight municipalities, from the table of §2 "Sammanställning över
  nordvästkommunernas resultat" (:func:`.indicators.load_municipality_groups`).

``data/README.md`` says where each table stands in the source, what the
columns mean and every inconsistency of the source found while transcribing.
English names of the indicators and områden are in the label catalogue
(``core/labels.yaml``, group ``oj2015``).
"""
