#pragma once
// The sequence diagram on screen: it holds a layout over the window's message fold, paints it
// with SequencePainter and turns input into layout moves. Wheel and +/- zoom about the
// mouse, dragging or the arrow keys pan, Fit (F) shows the whole run, Follow keeps the live
// end in view (scrolling up turns it off, End turns it on). A click selects a message and
// its transaction; Left and Right step through that transaction's messages.

#include "sequencelayout.h"
#include "timeline/timecursor.h"

#include <QElapsedTimer>
#include <QWidget>

namespace edgecore {

class SequenceView : public QWidget
{
    Q_OBJECT
public:
    explicit SequenceView(QWidget *parent = nullptr);

    void setFlow(const MessageFlow *flow, const QStringList &names);
    // New events were folded: follows the live end when following, and repaints.
    void refresh(qint64 nowUs);
    const SequenceLayout &layout() const { return m_layout; }
    SequenceLayout &layout() { return m_layout; }
    bool following() const { return m_follow; }
    void setFollowing(bool on);
    int selected() const { return m_selected; }
    void select(int id); // -1: nothing
    void fitAll();
    void zoom(double factor); // about the middle
    int lastDrawn() const { return m_lastDrawn; }
    qint64 lastPaintNs() const { return m_restNs / 2; } // how long the last paint took
    void setBranchable(bool on) { m_branchable = on; }  // the simulator runs live
    // Lab time down the side, or event order (every step its own row, the clock standing
    // still or not). Each keeps its own zoom; switching follows the live end.
    void setAxis(SequenceLayout::Axis axis);
    SequenceLayout::Axis axis() const { return m_layout.axis(); }
    qint64 now() const; // the live end on the current axis
    const MessageFlow *flow() const { return m_flow; }
    // What is shown: fates, one transaction, lifelines (hidden by name). Kept in the settings.
    const SequenceFilter &filter() const { return m_filter; }
    void setFilter(const SequenceFilter &filter);
    void showOnlyTransaction(TxId tx); // 0: every transaction again
    QStringList hiddenLanes() const { return m_hidden; }
    void setHiddenLanes(const QStringList &names);
    // The lifelines' order, by name, left to right (dragging a head moves its lifeline); names
    // not in it follow in the cast's order. Kept in the settings.
    QStringList laneOrder() const;
    void setLaneOrder(const QStringList &names);
    void moveLane(int from, int to); // by position among the shown lifelines
    // Selects a message and brings it into view.
    void reveal(int id);
    // The window's time cursor: marked across the diagram, and brought into view when it moves
    // (following stops). nullptr: none.
    void setTimeCursor(const TimeCursor *cursor);

Q_SIGNALS:
    void messageSelected(int id);
    void followingChanged(bool on);
    void axisChanged(edgecore::SequenceLayout::Axis axis);
    void viewChanged(); // painted anew: where it looks, or what it shows
    void filterChanged();
    // "Branch from This Message" in the context menu (while branching is possible): the
    // trace event the message ended with (its delivery, loss or refusal; else its send).
    void branchRequested(qsizetype event);

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    bool event(QEvent *event) override; // tooltips
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    void scrollBy(double dy);
    void stepInTransaction(int direction);
    void applyLanes();
    qint64 cursorAt() const; // the cursor on the current axis; -1 when live
    void showCursor();

    SequenceLayout m_layout;
    SequenceFilter m_filter;
    QStringList m_hidden;
    QStringList m_order; // lane order by name (may name nodes of other runs)
    int m_laneDrag = -1; // the lifeline whose head is being dragged
    double m_laneDropX = 0;
    const MessageFlow *m_flow = nullptr;
    const TimeCursor *m_cursor = nullptr;
    QStringList m_names;
    qint64 m_nowUs = 0;             // the lab clock's now
    double m_otherScale = 1.0 / 16; // the axis not shown's zoom (event order: 16 px an event)
    int m_selected = -1;
    bool m_follow = true;
    bool m_dragging = false;
    double m_dragY = 0;
    QPointF m_pressAt;
    int m_lastDrawn = 0;
    bool m_branchable = false;
    // The live end's repaints give way to input: after a paint of d, refresh() paints again
    // only once 2d have passed (other changes, a zoom or a click, paint at once).
    QElapsedTimer m_sincePaint;
    qint64 m_restNs = 0;
};

} // namespace edgecore
