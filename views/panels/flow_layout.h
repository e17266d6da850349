#pragma once

#include <QLayout>
#include <QList>

namespace scalescope::views {

/// A layout that places its items left to right and wraps to a new row when the next item does
/// not fit the width. Its minimum width is that of its widest item, so a row of tiles never
/// forces a window wider than the screen; the height it needs for a width comes from
/// heightForWidth, which vertical box layouts honour.
class FlowLayout : public QLayout {
public:
    explicit FlowLayout(QWidget *parent = nullptr, int horizontalSpacing = 18,
                        int verticalSpacing = 6);
    ~FlowLayout() override;

    void addItem(QLayoutItem *item) override;
    [[nodiscard]] int count() const override;
    [[nodiscard]] QLayoutItem *itemAt(int index) const override;
    QLayoutItem *takeAt(int index) override;

    [[nodiscard]] Qt::Orientations expandingDirections() const override;
    [[nodiscard]] bool hasHeightForWidth() const override;
    [[nodiscard]] int heightForWidth(int width) const override;
    [[nodiscard]] QSize minimumSize() const override;
    [[nodiscard]] QSize sizeHint() const override;
    void setGeometry(const QRect &rect) override;

    /// Rows the items take at `width` (tests): 1 when everything fits on one line.
    [[nodiscard]] int rowCount(int width) const;

private:
    /// Places the items in `rect` (only measures when `apply` is false); returns the height used
    /// and the number of rows.
    int arrange(const QRect &rect, bool apply, int *rows = nullptr) const;

    QList<QLayoutItem *> m_items;
    int m_horizontalSpacing;
    int m_verticalSpacing;
};

} // namespace scalescope::views
