#include "views/panels/flow_layout.h"

#include <QWidget>

#include <algorithm>

namespace scalescope::views {

FlowLayout::FlowLayout(QWidget *parent, int horizontalSpacing, int verticalSpacing)
    : QLayout(parent)
    , m_horizontalSpacing(horizontalSpacing)
    , m_verticalSpacing(verticalSpacing) {}

FlowLayout::~FlowLayout() {
    while (QLayoutItem *item = takeAt(0))
        delete item;
}

void FlowLayout::addItem(QLayoutItem *item) {
    m_items.append(item);
}

int FlowLayout::count() const {
    return static_cast<int>(m_items.size());
}

QLayoutItem *FlowLayout::itemAt(int index) const {
    return m_items.value(index);
}

QLayoutItem *FlowLayout::takeAt(int index) {
    return index >= 0 && index < m_items.size() ? m_items.takeAt(index) : nullptr;
}

Qt::Orientations FlowLayout::expandingDirections() const {
    return {};
}

bool FlowLayout::hasHeightForWidth() const {
    return true;
}

int FlowLayout::heightForWidth(int width) const {
    return arrange(QRect(0, 0, width, 0), false);
}

QSize FlowLayout::minimumSize() const {
    QSize size;
    for (const QLayoutItem *item : m_items)
        size = size.expandedTo(item->minimumSize());
    const QMargins margins = contentsMargins();
    return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom());
}

QSize FlowLayout::sizeHint() const {
    // One row: the width everything needs side by side.
    int width = 0;
    int height = 0;
    for (const QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        width += item->sizeHint().width() + (width > 0 ? m_horizontalSpacing : 0);
        height = std::max(height, item->sizeHint().height());
    }
    const QMargins margins = contentsMargins();
    return {width + margins.left() + margins.right(), height + margins.top() + margins.bottom()};
}

void FlowLayout::setGeometry(const QRect &rect) {
    QLayout::setGeometry(rect);
    arrange(rect, true);
}

int FlowLayout::rowCount(int width) const {
    int rows = 0;
    arrange(QRect(0, 0, width, 0), false, &rows);
    return rows;
}

int FlowLayout::arrange(const QRect &rect, bool apply, int *rows) const {
    const QRect area = rect.marginsRemoved(contentsMargins());
    int x = area.x();
    int y = area.y();
    int lineHeight = 0;
    int lines = 0;
    for (QLayoutItem *item : m_items) {
        if (item->isEmpty())
            continue;
        const QSize hint = item->sizeHint();
        // Wider than the row: take the whole row and let the item shrink (labels wrap or elide).
        const int width = std::min(hint.width(), std::max(area.width(), 1));
        if (lines == 0) {
            lines = 1;
        } else if (x + width > area.right() + 1 && x > area.x()) {
            x = area.x();
            y += lineHeight + m_verticalSpacing;
            lineHeight = 0;
            ++lines;
        }
        const int height = item->hasHeightForWidth() ? item->heightForWidth(width) : hint.height();
        if (apply)
            item->setGeometry(QRect(QPoint(x, y), QSize(width, height)));
        x += width + m_horizontalSpacing;
        lineHeight = std::max(lineHeight, height);
    }
    if (rows != nullptr)
        *rows = lines;
    const QMargins margins = contentsMargins();
    return y + lineHeight - rect.y() + margins.bottom();
}

} // namespace scalescope::views
