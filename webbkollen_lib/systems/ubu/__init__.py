"""UBU – vård och boende: three-party follow-up at the end of a placement in dygnetruntvård.

UBU (*Uppföljning Barn och Unga*, FoU Södertörn 2012, ``shared/seeds/001_…``)
asks three parties when a placement in HVB, stödboende, träningsboende or SiS
ends (not familjehem): the placing social worker answers their own part and
interviews the young person and the parent separately. Answers are pooled per
provider (*utförare*) to support choosing a placement and procurement;
Kommunförbundet Västernorrland uses such data "inför en placering som underlag
för vilket HVB man ska välja" (``shared/seeds/003_…``).

This subpackage holds the system's definitions:

* ``codebook.yaml``: the instrument (background, the three parts, the answer
  scales with their "-" alternatives as distinct missing reasons), read by the
  shared :class:`~webbkollen_lib.core.codebook.Codebook`; each item says whether
  its wording is the source's (``kalla``), a source topic in our words
  (``amne``) or ours (``egen``);
* :mod:`.instrument`: the parts, the eight index areas, the items of each, the
  pairs of items the parties share, the source's rules for who is followed up
  (at least 7 days, within 90 days, age 12–21, …) and the spärr.

``README.md`` in this folder lists what of the instrument is the source's and
what is ours.
"""
