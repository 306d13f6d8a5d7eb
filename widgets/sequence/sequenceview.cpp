#include "sequenceview.h"

#include "core/envelope.h"
#include "sequencepainter.h"

#include <QContextMenuEvent>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLocale>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QToolTip>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

using namespace Qt::Literals::StringLiterals;

namespace edgecore {

SequenceView::SequenceView(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(u"sequenceView"_s);
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent);
    setMinimumSize(320, 200);
    m_layout.setScale(1000); // a millisecond a pixel: the last half second or so in view
}

void SequenceView::setFlow(const MessageFlow *flow, const QStringList &names)
{
    m_flow = flow;
    m_names = names;
    applyLanes();
    m_selected = -1;
    m_nowUs = 0;
    m_layout.setTop(0);
    update();
}

void SequenceView::refresh(qint64 nowUs)
{
    m_nowUs = nowUs;
    if (m_follow)
        m_layout.follow(now());
    // Under load a paint takes tens of milliseconds: the next refresh paints (the window's
    // ~30 a second), so input gets the window's thread in between.
    if (m_sincePaint.isValid() && m_sincePaint.nsecsElapsed() < m_restNs)
        return;
    update();
}

void SequenceView::applyLanes()
{
    std::vector<NodeId> lanes;
    for (int id = 1; id < m_names.size(); ++id)
        if (!m_hidden.contains(m_names.at(id)))
            lanes.push_back(static_cast<NodeId>(id));
    // The chosen order first (by name), the rest in the cast's order after them.
    const auto rank = [this](NodeId id) {
        const qsizetype at = m_order.indexOf(m_names.value(id));
        return at < 0 ? m_order.size() + id : at;
    };
    std::stable_sort(lanes.begin(), lanes.end(),
                     [&rank](NodeId a, NodeId b) { return rank(a) < rank(b); });
    m_layout.setLanes(lanes);
    update();
}

QStringList SequenceView::laneOrder() const
{
    return m_order;
}

void SequenceView::setLaneOrder(const QStringList &names)
{
    m_order = names;
    applyLanes();
    Q_EMIT filterChanged();
}

void SequenceView::moveLane(int from, int to)
{
    std::vector<NodeId> lanes = m_layout.lanes();
    const int n = static_cast<int>(lanes.size());
    if (from < 0 || from >= n || to < 0 || to >= n || from == to)
        return;
    const NodeId moving = lanes[static_cast<size_t>(from)];
    lanes.erase(lanes.begin() + from);
    lanes.insert(lanes.begin() + to, moving);
    // The order of every lifeline, shown or hidden: hidden ones keep their places.
    QStringList order;
    for (NodeId id : lanes)
        order << m_names.value(id);
    for (const QString &name : std::as_const(m_order))
        if (!order.contains(name))
            order << name;
    setLaneOrder(order);
}

void SequenceView::setHiddenLanes(const QStringList &names)
{
    m_hidden = names;
    applyLanes();
    Q_EMIT filterChanged();
}

void SequenceView::setFilter(const SequenceFilter &filter)
{
    m_filter = filter;
    if (m_selected >= 0 && m_flow && !m_filter.accepts(m_flow->message(m_selected)))
        select(-1);
    update();
    Q_EMIT filterChanged();
}

void SequenceView::showOnlyTransaction(TxId tx)
{
    SequenceFilter f = m_filter;
    f.onlyTx = tx;
    setFilter(f);
}

void SequenceView::contextMenuEvent(QContextMenuEvent *event)
{
    QMenu menu(this);
    const int id = m_flow ? m_layout.hit(event->pos(), *m_flow, now(), 5, &m_filter) : -1;
    if (id >= 0) {
        const TxId tx = m_flow->message(id).tx;
        if (tx)
            menu.addAction(tr("Show Only Transaction %1").arg(formatId(tx)), this,
                           [this, tx] { showOnlyTransaction(tx); });
        if (m_branchable) {
            const FlowMessage m = m_flow->message(id);
            const qsizetype at = m.endEvent >= 0 ? m.endEvent : m.sendEvent;
            menu.addAction(tr("Branch from This Message"), this,
                           [this, at] { Q_EMIT branchRequested(at); });
        }
    }
    if (m_filter.onlyTx)
        menu.addAction(tr("Show Every Transaction"), this, [this] { showOnlyTransaction(0); });
    const int lane = m_layout.laneAt(event->pos().x());
    if (lane >= 0 && m_layout.lanes().size() > 1) {
        const QString name = m_names.value(m_layout.lanes()[static_cast<size_t>(lane)]);
        menu.addAction(tr("Hide the %1 Lifeline").arg(name), this,
                       [this, name] { setHiddenLanes(m_hidden + QStringList{name}); });
    }
    if (!m_hidden.isEmpty())
        menu.addAction(tr("Show Every Lifeline"), this, [this] { setHiddenLanes({}); });
    if (!m_order.isEmpty())
        menu.addAction(tr("Lifelines in the Cast's Order"), this, [this] { setLaneOrder({}); });
    if (!menu.isEmpty())
        menu.exec(event->globalPos());
}

qint64 SequenceView::now() const
{
    if (m_layout.axis() == SequenceLayout::Axis::EventOrder)
        return m_flow ? static_cast<qint64>(m_flow->consumed()) : 0;
    return m_nowUs;
}

void SequenceView::setAxis(SequenceLayout::Axis axis)
{
    if (axis == m_layout.axis())
        return;
    const double scale = m_layout.scale();
    m_layout.setAxis(axis);
    m_layout.setScale(m_otherScale);
    m_otherScale = scale;
    m_follow = false;
    setFollowing(true);
    Q_EMIT axisChanged(axis);
}

void SequenceView::setTimeCursor(const TimeCursor *cursor)
{
    if (m_cursor)
        disconnect(m_cursor, nullptr, this, nullptr);
    m_cursor = cursor;
    if (m_cursor)
        connect(m_cursor, &TimeCursor::moved, this, &SequenceView::showCursor);
    update();
}

qint64 SequenceView::cursorAt() const
{
    if (!m_cursor || m_cursor->isLive())
        return -1;
    return m_layout.axis() == SequenceLayout::Axis::EventOrder ? m_cursor->event()
                                                               : m_cursor->labUs();
}

void SequenceView::showCursor()
{
    const qint64 at = cursorAt();
    if (at < 0) {
        setFollowing(true);
        update();
        return;
    }
    setFollowing(false);
    const double y = m_layout.yOf(at);
    if (y < SequenceLayout::kHeaderHeight || y > height() - 8)
        m_layout.scrollBy(y - (SequenceLayout::kHeaderHeight + height()) / 2.0);
    update();
}

void SequenceView::setFollowing(bool on)
{
    if (m_follow == on)
        return;
    m_follow = on;
    if (on)
        m_layout.follow(now());
    update();
    Q_EMIT followingChanged(on);
}

void SequenceView::select(int id)
{
    if (!m_flow || id >= static_cast<int>(m_flow->messageCount()))
        id = -1;
    m_selected = id;
    update();
    Q_EMIT messageSelected(id);
}

void SequenceView::fitAll()
{
    if (!m_flow)
        return;
    setFollowing(false);
    if (m_layout.axis() == SequenceLayout::Axis::EventOrder)
        m_layout.fit(0, std::max<qint64>(now(), 1));
    else
        m_layout.fit(std::max<qint64>(m_flow->firstUs(), 0), std::max(m_nowUs, m_flow->lastUs()));
    update();
}

void SequenceView::zoom(double factor)
{
    m_layout.zoomAbout(m_follow ? height() - 12 : height() / 2.0, factor);
    if (m_follow)
        m_layout.follow(now());
    update();
}

void SequenceView::scrollBy(double dy)
{
    m_layout.scrollBy(dy);
    // Looking back stops following; reaching the live end again resumes it.
    if (dy < 0)
        setFollowing(false);
    else if (m_layout.bottom() >= now())
        setFollowing(true);
    update();
}

void SequenceView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    if (!m_flow) {
        p.fillRect(rect(), Qt::white);
        return;
    }
    SequenceScene scene;
    scene.layout = &m_layout;
    scene.flow = m_flow;
    scene.names = m_names;
    scene.nowUs = now();
    scene.filter = &m_filter;
    scene.selected = m_selected;
    scene.cursorUs = cursorAt();
    if (m_selected >= 0)
        scene.highlight = m_flow->message(m_selected).tx;
    QElapsedTimer took;
    took.start();
    m_lastDrawn = SequencePainter::paint(p, scene);
    m_restNs = 2 * took.nsecsElapsed();
    m_sincePaint.start();
    if (m_laneDrag >= 0) {
        // Where the dragged lifeline will go.
        const int to =
            m_layout.laneAt(std::clamp(m_laneDropX, SequenceLayout::kLeftMargin + 1,
                                       double(width()) - SequenceLayout::kRightMargin - 1));
        if (to >= 0) {
            const double x = m_layout.xOfLane(to);
            p.setPen(QPen(palette().highlight().color(), 3));
            p.drawLine(QPointF(x, 2), QPointF(x, SequenceLayout::kHeaderHeight - 2));
            p.drawLine(QPointF(m_laneDropX, SequenceLayout::kHeaderHeight / 2),
                       QPointF(x, SequenceLayout::kHeaderHeight / 2));
        }
    }
    Q_EMIT viewChanged();
}

void SequenceView::resizeEvent(QResizeEvent *)
{
    m_layout.setSize(size());
    if (m_follow)
        m_layout.follow(now());
}

void SequenceView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (event->modifiers() & Qt::ShiftModifier) {
        scrollBy(-steps * 60);
    } else {
        const bool wasFollowing = m_follow;
        m_layout.zoomAbout(event->position().y(), std::pow(1.25, steps));
        if (wasFollowing)
            m_layout.follow(now());
        update();
    }
    event->accept();
}

void SequenceView::mousePressEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mousePressEvent(event);
    setFocus(Qt::MouseFocusReason);
    if (event->position().y() < SequenceLayout::kHeaderHeight) {
        // A lifeline's head: drag it sideways to move the lifeline.
        m_laneDrag = m_layout.laneAt(event->position().x());
        m_laneDropX = event->position().x();
        if (m_laneDrag >= 0)
            setCursor(Qt::ClosedHandCursor);
        return;
    }
    m_dragging = true;
    m_dragY = event->position().y();
    m_pressAt = event->position();
}

void SequenceView::mouseMoveEvent(QMouseEvent *event)
{
    if (m_laneDrag >= 0) {
        m_laneDropX = event->position().x();
        update();
        return;
    }
    if (m_dragging && (event->buttons() & Qt::LeftButton)) {
        const double dy = m_dragY - event->position().y();
        m_dragY = event->position().y();
        if (std::abs(dy) > 0)
            scrollBy(dy);
    }
}

void SequenceView::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() != Qt::LeftButton)
        return QWidget::mouseReleaseEvent(event);
    if (m_laneDrag >= 0) {
        const int from = m_laneDrag;
        m_laneDrag = -1;
        unsetCursor();
        const int to =
            m_layout.laneAt(std::clamp(event->position().x(), SequenceLayout::kLeftMargin + 1,
                                       double(width()) - SequenceLayout::kRightMargin - 1));
        moveLane(from, to);
        update();
        return;
    }
    m_dragging = false;
    if (m_flow && QLineF(m_pressAt, event->position()).length() < 4)
        select(m_layout.hit(event->position(), *m_flow, now(), 5, &m_filter));
}

void SequenceView::keyPressEvent(QKeyEvent *event)
{
    switch (event->key()) {
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        zoom(1.5);
        break;
    case Qt::Key_Minus:
        zoom(1 / 1.5);
        break;
    case Qt::Key_Up:
        scrollBy(-40);
        break;
    case Qt::Key_Down:
        scrollBy(40);
        break;
    case Qt::Key_PageUp:
        scrollBy(-(height() - SequenceLayout::kHeaderHeight) * 0.9);
        break;
    case Qt::Key_PageDown:
        scrollBy((height() - SequenceLayout::kHeaderHeight) * 0.9);
        break;
    case Qt::Key_End:
        setFollowing(true);
        break;
    case Qt::Key_F:
        fitAll();
        break;
    case Qt::Key_Left:
        stepInTransaction(-1);
        break;
    case Qt::Key_Right:
        stepInTransaction(1);
        break;
    case Qt::Key_Escape:
        select(-1);
        break;
    default:
        return QWidget::keyPressEvent(event);
    }
    event->accept();
}

void SequenceView::stepInTransaction(int direction)
{
    if (!m_flow || m_selected < 0)
        return;
    const TxId tx = m_flow->message(m_selected).tx;
    if (!tx)
        return;
    std::vector<int> ids = m_flow->ofTransaction(tx);
    ids.erase(std::remove_if(ids.begin(), ids.end(),
                             [this](int id) {
                                 return id != m_selected && !m_filter.accepts(m_flow->message(id));
                             }),
              ids.end());
    const auto at = std::find(ids.begin(), ids.end(), m_selected);
    if (at == ids.end())
        return;
    const auto next = at + direction;
    if (next < ids.begin() || next >= ids.end())
        return;
    reveal(*next);
}

void SequenceView::reveal(int id)
{
    select(id);
    if (!m_flow || id < 0)
        return;
    const FlowMessage m = m_flow->message(id);
    const double y = m_layout.yOf(m_layout.startOf(m));
    if (y < SequenceLayout::kHeaderHeight + 20 || y > height() - 20) {
        setFollowing(false);
        m_layout.scrollBy(y - height() / 2.0);
        update();
    }
}

bool SequenceView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip && m_flow) {
        auto *help = static_cast<QHelpEvent *>(event);
        const int id = m_layout.hit(help->pos(), *m_flow, now(), 5, &m_filter);
        if (id < 0) {
            QToolTip::hideText();
            event->ignore();
            return true;
        }
        const FlowMessage m = m_flow->message(id);
        const QString fate =
            m.fate == MessageFate::Delivered
                ? tr("delivered after %L1 ms").arg(m.latencyUs() / 1000.0, 0, 'f', 3)
            : m.fate == MessageFate::Lost    ? tr("lost in the network")
            : m.fate == MessageFate::Refused ? tr("refused by its receiver")
                                             : tr("in flight");
        QToolTip::showText(help->globalPos(),
                           tr("%1: %2 → %3\ntransaction %4\n%5")
                               .arg(toString(static_cast<MsgType>(m.type)), m_names.value(m.from),
                                    m_names.value(m.to), formatId(m.tx), fate),
                           this);
        return true;
    }
    return QWidget::event(event);
}

} // namespace edgecore
