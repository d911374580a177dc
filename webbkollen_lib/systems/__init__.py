"""One subpackage per follow-up system: its own definitions, shipped as package data.

A follow-up system (Webbkollen Barn och Unga, Öppna jämförelser, UBU, the 2012
national survey, …) brings its codebook, its published figures, its
populations and derived variables. Those definitions live here, one
subpackage each; they import only :mod:`webbkollen_lib.core`, so every
analysis, presentation and report layer can use them.

* :mod:`.webbkollen`: Webbkollen Barn och Unga (SKL 2018).
* :mod:`.oj2015`: Öppna jämförelser 2015 for eight north-west Stockholm municipalities (real, published figures).
"""
