#include "views/panels/workspace_panel.h"

#include "app/document/scenario_document.h"
#include "views/style/theme.h"
#include "views/style/view_format.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QListWidget>
#include <QPainter>
#include <QPixmap>
#include <QToolButton>
#include <QVBoxLayout>

namespace scalescope::views {

namespace {

QIcon dotIcon(const QColor &color, const QString &letter, bool filled) {
    const int size = 32;
    QPixmap pixmap(size, size);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, 3));
    painter.setBrush(filled ? QBrush(color) : Qt::NoBrush);
    painter.drawEllipse(QRectF(3, 3, size - 6, size - 6));
    if (!letter.isEmpty()) {
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(18);
        painter.setFont(font);
        painter.setPen(filled ? QColor(Qt::white) : color);
        painter.drawText(QRect(0, 0, size, size), Qt::AlignCenter, letter);
    }
    return QIcon(pixmap);
}

QToolButton *toolButton(QWidget *parent, const QString &iconPath, const QString &text) {
    auto *button = new QToolButton(parent);
    button->setIcon(QIcon(iconPath));
    button->setToolTip(text);
    button->setText(text);
    button->setAutoRaise(true);
    return button;
}

} // namespace

WorkspacePanel::WorkspacePanel(app::ScenarioDocument *document, QWidget *parent)
    : QWidget(parent)
    , m_document(document)
    , m_list(new QListWidget(this)) {
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(4, 4, 4, 4);
    m_list->setObjectName("scenarioList");
    m_list->setIconSize(QSize(16, 16));
    m_list->setWordWrap(true);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setSpacing(2);
    m_list->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed);
    column->addWidget(m_list, 1);

    auto *buttons = new QHBoxLayout;
    auto *add = toolButton(this, ":/icons/add.svg", tr("Add scenario"));
    auto *duplicate = toolButton(this, ":/icons/duplicate.svg", tr("Duplicate scenario (Ctrl+D)"));
    auto *rename = toolButton(this, ":/icons/rename.svg", tr("Rename scenario (F2)"));
    auto *up = toolButton(this, ":/icons/up.svg", tr("Move up"));
    auto *down = toolButton(this, ":/icons/down.svg", tr("Move down"));
    auto *remove = toolButton(this, ":/icons/delete.svg", tr("Delete scenario"));
    for (auto *button : {add, duplicate, rename, up, down, remove})
        buttons->addWidget(button);
    buttons->addStretch(1);
    column->addLayout(buttons);

    connect(add, &QToolButton::clicked, this, &WorkspacePanel::addRequested);
    connect(duplicate, &QToolButton::clicked, this,
            [this] { m_document->duplicateScenario(m_document->currentIndex()); });
    connect(rename, &QToolButton::clicked, this, [this] {
        if (auto *item = m_list->currentItem())
            m_list->editItem(item);
    });
    connect(up, &QToolButton::clicked, this, [this] {
        const int index = m_document->currentIndex();
        m_document->moveScenario(index, index - 1);
    });
    connect(down, &QToolButton::clicked, this, [this] {
        const int index = m_document->currentIndex();
        m_document->moveScenario(index, index + 1);
    });
    connect(remove, &QToolButton::clicked, this,
            [this] { m_document->removeScenario(m_document->currentIndex()); });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_syncing && row >= 0)
            m_document->setCurrentIndex(row);
    });
    connect(m_list, &QListWidget::itemChanged, this, &WorkspacePanel::renameFromItem);
    connect(m_document, &app::ScenarioDocument::changed, this, &WorkspacePanel::syncFromDocument);
    syncFromDocument();
}

void WorkspacePanel::renameFromItem(QListWidgetItem *item) {
    if (m_syncing)
        return;
    const int row = m_list->row(item);
    const QString name = item->text().trimmed();
    if (name.isEmpty() || name.toStdString() == m_document->scenarioAt(row).name) {
        syncFromDocument();
        return;
    }
    m_document->renameScenario(row, name);
}

void WorkspacePanel::syncFromDocument() {
    m_syncing = true;
    const auto &comparison = m_document->comparison();
    const int count = m_document->count();
    while (m_list->count() > count)
        delete m_list->takeItem(m_list->count() - 1);
    while (m_list->count() < count) {
        auto *item = new QListWidgetItem(m_list);
        item->setFlags(item->flags() | Qt::ItemIsEditable);
    }
    for (int i = 0; i < count; ++i) {
        QListWidgetItem *item = m_list->item(i);
        item->setText(QString::fromStdString(m_document->scenarioAt(i).name));
        const auto result = m_document->resultAt(i);
        QString letter;
        QColor color = palette().color(QPalette::Mid);
        if (comparison.enabled && (i == comparison.a || i == comparison.b)) {
            const int slot = i == comparison.a ? 0 : 1;
            letter = scenarioLetter(slot);
            color = scenarioColor(slot);
        } else if (i == m_document->currentIndex()) {
            color = palette().color(QPalette::Highlight);
        }
        item->setIcon(dotIcon(color, letter, i == m_document->currentIndex()));
        QString tip = QString::fromStdString(m_document->scenarioAt(i).name);
        if (result->valid)
            tip += "\n" + tr("%1 to train · %2 · %3 memory per GPU")
                              .arg(durationText(result->trainingSeconds), usdText(result->costUsd),
                                   bytesText(result->memory.totalBytes()));
        else
            tip += "\n" + tr("Invalid: %1").arg(QString::fromStdString(result->error));
        item->setToolTip(tip);
        // Valid names take the list's own text colour, so they follow a theme switch; only
        // invalid ones are greyed explicitly.
        if (result->valid)
            item->setData(Qt::ForegroundRole, QVariant());
        else
            item->setForeground(palette().color(QPalette::Disabled, QPalette::Text));
    }
    m_list->setCurrentRow(m_document->currentIndex());
    m_syncing = false;
}

void WorkspacePanel::changeEvent(QEvent *event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && !m_syncing)
        syncFromDocument(); // dots and greyed names in the new theme's colours
}

} // namespace scalescope::views
