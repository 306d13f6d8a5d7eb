#pragma once
// The strip beside the sequence diagram: how many messages fall on each part of the whole
// run (lab time or event order, as the diagram runs), with the part the diagram shows marked.
// A click or a drag there moves the diagram to that part.

#include <QWidget>

namespace edgecore {

class SequenceView;

class OverviewStrip : public QWidget
{
    Q_OBJECT
public:
    explicit OverviewStrip(SequenceView *view, QWidget *parent = nullptr);
    QSize sizeHint() const override { return {44, 200}; }
    // The whole run's extent on the diagram's axis.
    std::pair<qint64, qint64> extent() const;
    qint64 positionAt(double y) const; // the axis position a row of the strip stands for

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    void jumpTo(double y);
    SequenceView *m_view;
};

} // namespace edgecore
