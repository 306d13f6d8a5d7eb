#pragma once
// The window's words for what the backend writes in English: trace details ("tx PREPARING
// (intent logged)", "session/… v1→v2 COMMITTED by sm-1 token 1"), reply reasons, session
// states and event kinds. The backend's texts stay English (trace files, summaries and the
// command line read the same on every machine); the window translates them as it shows
// them, through a table of the backend's phrasings with their arguments (a phrase inside a
// phrase is translated too, and decimal numbers follow the locale).

#include <QString>

namespace edgecore::detailtext {

// The text in the window's language; an unknown text comes back as it is.
QString translate(const QString &english);
// Whether translate() knows the text: a phrasing of the table matched it, or it is data
// only (names, keys, numbers). A test runs the scenarios and asks this of every detail.
bool known(const QString &english);
// A decimal number ("0.05", "998.8") in the locale's form; anything else as it is.
QString localNumber(const QString &text);

} // namespace edgecore::detailtext
