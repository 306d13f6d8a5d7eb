#pragma once
// The window's one time cursor: every view shows the lab as it was after event `event()` (and
// at lab time `labUs()`), or live. Views observe moved(); whoever moves it (the time slider, a
// click in the diagram) calls setEvent() or setLive().

#include <QObject>

#include <algorithm>

namespace edgecore {

class TimeCursor : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    bool isLive() const { return m_event < 0; }
    // The last event shown (a trace position); -1 when live.
    qsizetype event() const { return m_event; }
    qint64 labUs() const { return m_labUs; } // the lab time at the cursor (-1 when live)

    // Puts the cursor after `event` (>= 0) at lab time labUs.
    void setEvent(qsizetype event, qint64 labUs)
    {
        event = std::max<qsizetype>(event, 0);
        if (event == m_event && labUs == m_labUs)
            return;
        m_event = event;
        m_labUs = labUs;
        Q_EMIT moved();
    }
    void setLive()
    {
        if (m_event < 0)
            return;
        m_event = -1;
        m_labUs = -1;
        Q_EMIT moved();
    }

Q_SIGNALS:
    void moved();

private:
    qsizetype m_event = -1;
    qint64 m_labUs = -1;
};

} // namespace edgecore
