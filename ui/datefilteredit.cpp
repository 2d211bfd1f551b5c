#include "datefilteredit.h"

#include <QCalendarWidget>
#include <QFrame>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QScreen>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

namespace {

QString isoText(const QDate &date) {
    return date.isValid() ? date.toString(Qt::ISODate) : QString();
}

// ISO first (what the field shows), then the locale's short and long forms.
QDate parseDay(const QString &text) {
    const QString trimmed = text.trimmed();
    QDate day = QDate::fromString(trimmed, Qt::ISODate);
    if (!day.isValid())
        day = QLocale().toDate(trimmed, QLocale::ShortFormat);
    if (!day.isValid())
        day = QLocale().toDate(trimmed, QLocale::LongFormat);
    return day;
}

} // namespace

DateFilterEdit::DateFilterEdit(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_button(new QToolButton(this))
    , m_popup(new QFrame(this, Qt::Popup))
    , m_calendar(new QCalendarWidget(m_popup))
    , m_presets(new QHBoxLayout) {
    m_text->setPlaceholderText(tr("any"));
    m_text->setClearButtonEnabled(true);
    m_text->setToolTip(tr("A day as yyyy-mm-dd; empty means any"));
    // Room for "2024-12-31" and the clear icon, no more and no less: the filter text gets
    // the rest.
    m_text->setFixedWidth(m_text->fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00")) +
                          m_text->fontMetrics().height() * 2 + 8);
    setFocusProxy(m_text);

    m_button->setObjectName(QStringLiteral("calendarButton"));
    m_button->setIcon(QIcon::fromTheme(QStringLiteral("view-calendar"),
                                       style()->standardIcon(QStyle::SP_ArrowDown)));
    m_button->setToolTip(tr("Pick a day, or the last 7, 30 or 90 days"));
    m_button->setAccessibleName(tr("Open the calendar"));
    m_button->setFocusPolicy(Qt::NoFocus);

    m_popup->setObjectName(QStringLiteral("calendarPopup"));
    m_popup->setFrameShape(QFrame::StyledPanel);
    m_calendar->setGridVisible(true);
    m_calendar->setVerticalHeaderFormat(QCalendarWidget::NoVerticalHeader);
    auto *popupLayout = new QVBoxLayout(m_popup);
    popupLayout->setContentsMargins(4, 4, 4, 4);
    popupLayout->addWidget(m_calendar);
    popupLayout->addLayout(m_presets);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_text);
    layout->addWidget(m_button);

    connect(m_text, &QLineEdit::editingFinished, this, &DateFilterEdit::commitText);
    // The clear icon (or deleting every character) means "any" at once.
    connect(m_text, &QLineEdit::textEdited, this, [this](const QString &text) {
        if (text.isEmpty())
            commitText();
    });
    connect(m_button, &QToolButton::clicked, this, &DateFilterEdit::showCalendar);
    // A click, or Enter, on a day applies it; moving through the days with the keys does not.
    connect(m_calendar, &QCalendarWidget::clicked, this, &DateFilterEdit::pickDay);
    connect(m_calendar, &QCalendarWidget::activated, this, &DateFilterEdit::pickDay);
    m_text->installEventFilter(this);
}

DateFilterEdit::~DateFilterEdit() = default;

void DateFilterEdit::setDate(const QDate &date) {
    const QDate day = date.isValid() ? date : QDate();
    const bool changed = day != m_date;
    m_date = day;
    showDate();
    if (changed)
        Q_EMIT dateChanged(m_date);
}

void DateFilterEdit::setPresets(const QList<int> &days) {
    while (QLayoutItem *item = m_presets->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    for (const int count : days) {
        auto *preset = new QPushButton(tr("Last %n days", nullptr, count), m_popup);
        preset->setObjectName(QStringLiteral("preset%1").arg(count));
        preset->setAutoDefault(false);
        connect(preset, &QPushButton::clicked, this, [this, count] {
            m_popup->hide();
            Q_EMIT presetChosen(count);
        });
        m_presets->addWidget(preset);
    }
}

void DateFilterEdit::showCalendar() {
    commitText();
    // Opening shows a month; it chooses nothing.
    const QDate shown = m_date.isValid() ? m_date : QDate::currentDate();
    m_calendar->setSelectedDate(shown);
    m_calendar->setCurrentPage(shown.year(), shown.month());
    m_popup->adjustSize();
    QPoint at = mapToGlobal(QPoint(0, height()));
    if (const QScreen *screen = this->screen()) {
        const QRect room = screen->availableGeometry();
        at.setX(qBound(room.left(), at.x(), room.right() - m_popup->width()));
        if (at.y() + m_popup->height() > room.bottom())
            at.setY(mapToGlobal(QPoint(0, 0)).y() - m_popup->height());
    }
    m_popup->move(at);
    m_popup->show();
    m_calendar->setFocus(Qt::PopupFocusReason);
}

bool DateFilterEdit::isCalendarVisible() const {
    return m_popup->isVisible();
}

void DateFilterEdit::pickDay(const QDate &day) {
    m_popup->hide();
    setDate(day);
}

bool DateFilterEdit::isEdited() const {
    return m_text->text() != isoText(m_date);
}

void DateFilterEdit::showDate() {
    if (isEdited())
        m_text->setText(isoText(m_date));
}

// Empty: any. A day: that day. Anything else: what was there before.
void DateFilterEdit::commitText() {
    if (!isEdited())
        return;
    const QString text = m_text->text().trimmed();
    const QDate day = text.isEmpty() ? QDate() : parseDay(text);
    if (!text.isEmpty() && !day.isValid()) {
        showDate();
        return;
    }
    setDate(day);
    showDate(); // the ISO form, whatever form was typed
}

bool DateFilterEdit::eventFilter(QObject *watched, QEvent *event) {
    // Esc while typing puts back the day in force; with nothing typed it goes on (Cancel).
    if (watched == m_text &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier && isEdited()) {
            if (event->type() == QEvent::ShortcutOverride) {
                event->accept();
                return true;
            }
            showDate();
            return true;
        }
        if (event->type() == QEvent::KeyPress && key->key() == Qt::Key_Down &&
            key->modifiers() == Qt::AltModifier) {
            showCalendar(); // as in a combo box
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}
