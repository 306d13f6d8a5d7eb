#pragma once
// Paints a sequence diagram (a layout over the message fold) onto any QPainter: the screen
// now, SVG and PDF exports later. Only what is in view is drawn, found through the fold's
// index by lab time; when more messages fall on the view than can be told apart, their
// density is drawn instead of each arrow.

#include "timeline/messageflow.h"

#include <QColor>
#include <QString>
#include <QStringList>

class QPainter;

namespace edgecore {

class SequenceLayout;
struct SequenceFilter;

struct SequenceScene
{
    const SequenceLayout *layout = nullptr;
    const MessageFlow *flow = nullptr;
    QStringList names;                      // by NodeId
    qint64 nowUs = 0;                       // where frames in flight end
    int selected = -1;                      // a message id
    TxId highlight = 0;                     // its transaction's messages stand out, the others fade
    qint64 cursorUs = -1;                   // the time cursor, when not live
    const SequenceFilter *filter = nullptr; // null: everything
};

class SequencePainter
{
public:
    // Above this many arrows in view, density instead.
    static constexpr int kMaxArrows = 6000;
    static QColor colour(MessageClass c);
    static QString className(MessageClass c); // for the legend, translated
    // Paints the scene; returns how many messages were drawn one by one (0 in density mode).
    static int paint(QPainter &p, const SequenceScene &scene);
    // Whether unsmoothed arrows on the raster engine are set into a layer pixel by pixel (the
    // default) or stroked by QPainter (tests compare the two).
    static void setLayered(bool on);
};

} // namespace edgecore
