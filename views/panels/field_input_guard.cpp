#include "views/panels/field_input_guard.h"

#include <QAbstractScrollArea>
#include <QApplication>
#include <QKeyEvent>
#include <QLineEdit>
#include <QWheelEvent>

namespace scalescope::views {

FieldInputGuard::FieldInputGuard(QWidget *field)
    : QObject(field)
    , m_field(field) {}

void FieldInputGuard::install(QWidget *field) {
    auto *guard = new FieldInputGuard(field);
    field->setFocusPolicy(Qt::StrongFocus);
    field->installEventFilter(guard);
    // A spin box forwards keys to its line edit, which may be the focus widget itself.
    for (auto *edit : field->findChildren<QLineEdit *>(Qt::FindDirectChildrenOnly))
        edit->installEventFilter(guard);
}

void FieldInputGuard::scrollEnclosingArea(const QWheelEvent &wheel) const {
    QWidget *ancestor = m_field->parentWidget();
    while (ancestor != nullptr && qobject_cast<QAbstractScrollArea *>(ancestor) == nullptr)
        ancestor = ancestor->parentWidget();
    auto *area = qobject_cast<QAbstractScrollArea *>(ancestor);
    if (area == nullptr)
        return; // nothing to scroll (the presentation knob): the wheel does nothing
    QWidget *viewport = area->viewport();
    QWheelEvent forwarded(viewport->mapFromGlobal(wheel.globalPosition()), wheel.globalPosition(),
                          wheel.pixelDelta(), wheel.angleDelta(), wheel.buttons(),
                          wheel.modifiers(), wheel.phase(), wheel.inverted(), wheel.source(),
                          wheel.pointingDevice());
    QCoreApplication::sendEvent(viewport, &forwarded);
}

bool FieldInputGuard::isUndoOrRedo(const QKeyEvent &event) {
    if (event.matches(QKeySequence::Undo) || event.matches(QKeySequence::Redo))
        return true;
    const QKeySequence pressed(event.keyCombination());
    return pressed == QKeySequence(Qt::CTRL | Qt::Key_Z) ||
           pressed == QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z) ||
           pressed == QKeySequence(Qt::CTRL | Qt::Key_Y);
}

bool FieldInputGuard::eventFilter(QObject *watched, QEvent *event) {
    switch (event->type()) {
    case QEvent::Wheel: {
        const QWidget *focus = QApplication::focusWidget();
        const bool focused = focus != nullptr && (focus == m_field || m_field->isAncestorOf(focus));
        if (focused)
            return false;
        scrollEnclosingArea(*static_cast<QWheelEvent *>(event));
        event->accept();
        return true;
    }
    case QEvent::ShortcutOverride:
        if (isUndoOrRedo(*static_cast<QKeyEvent *>(event))) {
            // Not overridden: the window's Undo/Redo shortcut fires.
            event->ignore();
            return true;
        }
        return false;
    default:
        return QObject::eventFilter(watched, event);
    }
}

} // namespace scalescope::views
