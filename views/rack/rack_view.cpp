#include "views/rack/rack_view.h"

#include <QComboBox>
#include <QContextMenuEvent>
#include <QHBoxLayout>
#include <QHelpEvent>
#include <QKeyEvent>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QToolButton>
#include <QToolTip>
#include <QVBoxLayout>
#include <QWheelEvent>

namespace scalescope::views {

using models::RackItemKind;

RackZoom rackZoomOf(RackItemKind kind) {
    switch (kind) {
    case RackItemKind::Pod:
    case RackItemKind::ScalableUnit:
        return RackZoom::Pod;
    case RackItemKind::Rack:
    case RackItemKind::NvlinkDomain:
        return RackZoom::Rack;
    case RackItemKind::ComputeNode:
    case RackItemKind::SwitchTray:
    case RackItemKind::PowerShelf:
    case RackItemKind::Management:
    case RackItemKind::OtherSlot:
    case RackItemKind::LeafSwitch:
    case RackItemKind::SpineSwitch:
    case RackItemKind::CoreSwitch:
        return RackZoom::Node;
    default:
        return RackZoom::Gpu;
    }
}

int rackZoomInTarget(const models::RackGeometry &g, int focus, int hit) {
    if (hit < 0 || focus < 0 || focus >= static_cast<int>(g.items.size()))
        return focus;
    const int wanted = static_cast<int>(rackZoomOf(g.items[static_cast<size_t>(focus)].kind)) + 1;
    int best = -1;
    for (int i = hit; i >= 0; i = g.items[static_cast<size_t>(i)].parent) {
        const int level = static_cast<int>(rackZoomOf(g.items[static_cast<size_t>(i)].kind));
        if (level == wanted) {
            best = i;
            break;
        }
        if (level > wanted)
            best = i; // the deepest so far; an ancestor at the wanted level wins
        if (i == focus)
            break;
    }
    return best >= 0 ? best : focus;
}

int rackZoomOutTarget(const models::RackGeometry &g, int focus) {
    if (focus <= 0 || focus >= static_cast<int>(g.items.size()))
        return 0;
    const int level = static_cast<int>(rackZoomOf(g.items[static_cast<size_t>(focus)].kind));
    for (int i = g.items[static_cast<size_t>(focus)].parent; i >= 0;
         i = g.items[static_cast<size_t>(i)].parent)
        if (static_cast<int>(rackZoomOf(g.items[static_cast<size_t>(i)].kind)) < level &&
            g.items[static_cast<size_t>(i)].kind != RackItemKind::ScalableUnit)
            return i;
    return 0;
}

/// The painting surface; forwards input to its RackView.
class RackCanvas : public QWidget {
public:
    explicit RackCanvas(RackView *view)
        : QWidget(view)
        , m_view(view) {
        setMouseTracking(true);
        setFocusPolicy(Qt::StrongFocus);
        setMinimumSize(320, 240);
        setAttribute(Qt::WA_OpaquePaintEvent);
    }

protected:
    void paintEvent(QPaintEvent *) override {
        QPainter painter(this);
        renderRack(painter, m_view->m_scene, QRectF(rect()));
    }
    void mouseMoveEvent(QMouseEvent *event) override { m_view->hoverAt(event->position()); }
    void leaveEvent(QEvent *) override { m_view->setHoveredGpu(-1); }
    void mouseDoubleClickEvent(QMouseEvent *event) override {
        if (event->button() == Qt::LeftButton)
            m_view->zoomInAt(event->position());
    }
    void mousePressEvent(QMouseEvent *event) override {
        if (event->button() == Qt::RightButton || event->button() == Qt::BackButton)
            m_view->zoomOut();
    }
    void wheelEvent(QWheelEvent *event) override {
        if (event->angleDelta().y() > 0)
            m_view->zoomInAt(event->position());
        else if (event->angleDelta().y() < 0)
            m_view->zoomOut();
        event->accept();
    }
    void keyPressEvent(QKeyEvent *event) override {
        switch (event->key()) {
        case Qt::Key_Minus:
        case Qt::Key_Backspace:
            m_view->zoomOut();
            break;
        case Qt::Key_Escape:
        case Qt::Key_Home:
            m_view->zoomTo(0);
            break;
        case Qt::Key_Plus:
        case Qt::Key_Equal:
            m_view->zoomInAt(mapFromGlobal(QCursor::pos()));
            break;
        default:
            QWidget::keyPressEvent(event);
        }
    }
    bool event(QEvent *event) override {
        if (event->type() == QEvent::ToolTip) {
            auto *help = static_cast<QHelpEvent *>(event);
            const int item = rackItemAt(m_view->m_scene, QRectF(rect()), help->pos());
            const QString text = rackTooltip(m_view->m_scene, item);
            if (text.isEmpty())
                QToolTip::hideText();
            else
                QToolTip::showText(help->globalPos(), text, this);
            return true;
        }
        return QWidget::event(event);
    }

private:
    RackView *m_view;
};

RackView::RackView(QWidget *parent)
    : QWidget(parent) {
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(6, 4, 6, 0);
    m_overlayBox = new QComboBox(this);
    for (RackOverlay overlay : rackOverlays())
        m_overlayBox->addItem(rackOverlayName(overlay), QVariant::fromValue(overlay));
    m_overlayBox->setToolTip(tr("What the GPUs are coloured by"));
    m_zoomOutButton = new QToolButton(this);
    m_zoomOutButton->setText(tr("Zoom out"));
    m_zoomOutButton->setToolTip(tr("Back to the enclosing rack or pod (right-click, Backspace)"));
    m_breadcrumb = new QLabel(this);
    m_breadcrumb->setTextFormat(Qt::PlainText);
    bar->addWidget(new QLabel(tr("Overlay:"), this));
    bar->addWidget(m_overlayBox);
    bar->addSpacing(12);
    bar->addWidget(m_zoomOutButton);
    bar->addWidget(m_breadcrumb, 1);
    layout->addLayout(bar);
    m_canvas = new RackCanvas(this);
    layout->addWidget(m_canvas, 1);

    connect(m_overlayBox, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (index >= 0)
            setOverlay(m_overlayBox->itemData(index).value<RackOverlay>());
    });
    connect(m_zoomOutButton, &QToolButton::clicked, this, &RackView::zoomOut);
    updateBreadcrumb();
}

RackView::~RackView() = default;

void RackView::setScene(RackScene scene) {
    const bool sameShape = m_scene.geometry && scene.geometry &&
                           m_scene.geometry->items.size() == scene.geometry->items.size();
    scene.overlay = m_scene.geometry ? m_scene.overlay : scene.overlay;
    scene.focusItem = sameShape ? m_scene.focusItem : 0;
    scene.hoveredGpu = -1;
    m_scene = std::move(scene);
    const int index = m_overlayBox->findData(QVariant::fromValue(m_scene.overlay));
    if (index >= 0 && index != m_overlayBox->currentIndex()) {
        const QSignalBlocker blocker(m_overlayBox);
        m_overlayBox->setCurrentIndex(index);
    }
    updateBreadcrumb();
    m_canvas->update();
}

void RackView::setOverlay(RackOverlay overlay) {
    if (m_scene.overlay == overlay)
        return;
    m_scene.overlay = overlay;
    const int index = m_overlayBox->findData(QVariant::fromValue(overlay));
    if (index >= 0 && index != m_overlayBox->currentIndex()) {
        const QSignalBlocker blocker(m_overlayBox);
        m_overlayBox->setCurrentIndex(index);
    }
    m_canvas->update();
    emit overlayChanged(overlay);
}

void RackView::zoomTo(int item) {
    if (!m_scene.geometry || item < 0 || item >= static_cast<int>(m_scene.geometry->items.size()))
        item = 0;
    if (m_scene.focusItem == item)
        return;
    m_scene.focusItem = item;
    updateBreadcrumb();
    m_canvas->update();
    emit zoomChanged(item);
}

void RackView::zoomOut() {
    if (m_scene.geometry)
        zoomTo(rackZoomOutTarget(*m_scene.geometry, m_scene.focusItem));
}

void RackView::zoomInAt(const QPointF &point) {
    if (!m_scene.geometry)
        return;
    const int hit = rackItemAt(m_scene, QRectF(m_canvas->rect()), point);
    zoomTo(rackZoomInTarget(*m_scene.geometry, m_scene.focusItem, hit));
}

void RackView::hoverAt(const QPointF &point) {
    if (!m_scene.geometry)
        return;
    const int item = rackItemAt(m_scene, QRectF(m_canvas->rect()), point);
    const auto &items = m_scene.geometry->items;
    setHoveredGpu(item >= 0 && items[static_cast<size_t>(item)].kind == RackItemKind::Gpu
                      ? items[static_cast<size_t>(item)].gpu
                      : -1);
}

void RackView::setHoveredGpu(int gpu) {
    if (m_scene.hoveredGpu == gpu)
        return;
    m_scene.hoveredGpu = gpu;
    m_canvas->update();
    emit gpuHovered(gpu);
}

QRectF RackView::canvasRect() const {
    return QRectF(m_canvas->rect());
}

QWidget *RackView::canvas() const {
    return m_canvas;
}

void RackView::updateBreadcrumb() {
    QStringList path;
    if (m_scene.geometry) {
        const auto &items = m_scene.geometry->items;
        for (int i = m_scene.focusItem; i >= 0 && i < static_cast<int>(items.size());
             i = items[static_cast<size_t>(i)].parent)
            path.prepend(i == 0 ? tr("Pod")
                                : QString::fromStdString(items[static_cast<size_t>(i)].label));
    }
    m_breadcrumb->setText(path.join(QStringLiteral(" › ")));
    m_zoomOutButton->setEnabled(m_scene.focusItem > 0);
}

} // namespace scalescope::views
