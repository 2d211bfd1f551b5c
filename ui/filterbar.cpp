#include "filterbar.h"

#include "datefilteredit.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_typeLabel(new QLabel(tr("T&ype"), this))
    , m_class(new QComboBox(this))
    , m_classLabel(new QLabel(tr("Cl&ass"), this))
    , m_from(new DateFilterEdit(this))
    , m_to(new DateFilterEdit(this))
    , m_clear(new QToolButton(this))
    , m_debounce(new QTimer(this)) {
    setObjectName(QStringLiteral("filterBar"));
    m_text->setObjectName(QStringLiteral("filterText"));
    m_text->setPlaceholderText(tr("Filter by address, reason or status (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Filter text"));
    // Narrow windows: the text keeps room for a domain or a status, not one letter.
    m_text->setMinimumWidth(m_text->fontMetrics().averageCharWidth() * 16);

    m_type->setObjectName(QStringLiteral("filterType"));
    m_type->addItem(tr("All types"), int(BounceTableModel::TypeFilter::All));
    m_type->addItem(tr("Hard bounces"), int(BounceTableModel::TypeFilter::Hard));
    m_type->addItem(tr("Soft bounces"), int(BounceTableModel::TypeFilter::Soft));
    m_type->setAccessibleName(tr("Bounce type"));

    m_class->setObjectName(QStringLiteral("filterClass"));
    m_class->addItem(tr("All classes"), -1);
    for (const BounceClass bounceClass : allBounceClasses)
        m_class->addItem(bounceClassTitle(bounceClass), int(bounceClass));
    m_class->setAccessibleName(tr("Bounce class"));
    m_class->setToolTip(tr("The class BounceDesk derives from the status and the reason"));

    m_from->setObjectName(QStringLiteral("filterFrom"));
    m_from->lineEdit()->setAccessibleName(tr("Created from"));
    m_from->lineEdit()->setToolTip(tr("Earliest created day (yyyy-mm-dd); empty leaves it open"));
    m_from->setPresets({7, 30, 90});
    m_to->setObjectName(QStringLiteral("filterTo"));
    m_to->lineEdit()->setAccessibleName(tr("Created until"));
    m_to->lineEdit()->setToolTip(tr("Latest created day (yyyy-mm-dd); empty leaves it open"));

    m_clear->setObjectName(QStringLiteral("filterClear"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show all rows again"));
    m_clear->setAccessibleName(tr("Clear the filter"));

    auto *fromLabel = new QLabel(tr("Created fro&m"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&to"), this);
    toLabel->setBuddy(m_to);
    m_typeLabel->setBuddy(m_type);
    m_classLabel->setBuddy(m_class);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_typeLabel);
    layout->addWidget(m_type);
    layout->addWidget(m_classLabel);
    layout->addWidget(m_class);
    layout->addWidget(fromLabel);
    layout->addWidget(m_from);
    layout->addWidget(toLabel);
    layout->addWidget(m_to);
    layout->addWidget(m_clear);

    m_debounce->setSingleShot(true);
    m_debounce->setInterval(debounceMs);
    connect(m_debounce, &QTimer::timeout, this, &FilterBar::applyNow);
    connect(m_text, &QLineEdit::textChanged, m_debounce, qOverload<>(&QTimer::start));
    // Enter applies at once, for those who type fast and want the answer now.
    connect(m_text, &QLineEdit::returnPressed, this, &FilterBar::applyNow);
    connect(m_type, &QComboBox::currentIndexChanged, this, &FilterBar::applyNow);
    connect(m_class, &QComboBox::currentIndexChanged, this, &FilterBar::applyNow);
    connect(m_from, &DateFilterEdit::dateChanged, this, &FilterBar::applyNow);
    connect(m_to, &DateFilterEdit::dateChanged, this, &FilterBar::applyNow);
    // "Last N days": from the day N-1 days ago, to any (today's bounces included).
    connect(m_from, &DateFilterEdit::presetChosen, this,
            [this](int days) { setDateRange(QDate::currentDate().addDays(1 - days), {}); });
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    m_text->installEventFilter(this);
    updateClearButton();
}

bool FilterBar::eventFilter(QObject *watched, QEvent *event) {
    // Esc in the filter text empties it (as in KeePassXC and qBittorrent); with nothing to
    // empty, Esc goes on to the window (Cancel).
    if (watched == m_text && !m_text->text().isEmpty() &&
        (event->type() == QEvent::ShortcutOverride || event->type() == QEvent::KeyPress)) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Escape && key->modifiers() == Qt::NoModifier) {
            if (event->type() == QEvent::ShortcutOverride) {
                event->accept(); // the key press comes to the text, not to a shortcut
                return true;
            }
            m_text->clear();
            applyNow();
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

FilterBar::~FilterBar() = default;

BounceTableModel::Filter FilterBar::filter() const {
    BounceTableModel::Filter result;
    result.text = m_text->text().trimmed();
    if (m_statusFilters) { // hidden filters narrow nothing
        result.type = BounceTableModel::TypeFilter(m_type->currentData().toInt());
        const int bounceClass = m_class->currentData().toInt();
        if (bounceClass >= 0)
            result.bounceClass = BounceClass(bounceClass);
    }
    result.from = m_from->date();
    result.to = m_to->date();
    return result;
}

void FilterBar::setFilterText(const QString &text) {
    m_text->setText(text);
    applyNow();
}

void FilterBar::setTypeFilter(BounceTableModel::TypeFilter type) {
    m_type->setCurrentIndex(m_type->findData(int(type)));
}

void FilterBar::setClassFilter(std::optional<BounceClass> bounceClass) {
    m_class->setCurrentIndex(m_class->findData(bounceClass ? int(*bounceClass) : -1));
}

void FilterBar::setList(SuppressionList list) {
    m_statusFilters = hasStatus(list);
    for (QWidget *widget : {static_cast<QWidget *>(m_typeLabel), static_cast<QWidget *>(m_type),
                            static_cast<QWidget *>(m_classLabel), static_cast<QWidget *>(m_class)})
        widget->setVisible(m_statusFilters);
    m_text->setPlaceholderText(m_statusFilters ? tr("Filter by address, reason or status (Ctrl+F)")
                                               : tr("Filter by the columns shown (Ctrl+F)"));
    applyNow(); // the type and class count again, or no longer
}

void FilterBar::setDateRange(const QDate &from, const QDate &to) {
    {
        // Both ends, then one filter pass: each end's own signal would start a pass of its
        // own, and at a million rows the first is work thrown away.
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockTo(m_to);
        m_from->setDate(from);
        m_to->setDate(to);
    }
    applyNow();
}

void FilterBar::clear() {
    // The text's signals stay on: the line edit's own clear icon follows textChanged (the
    // debounce it starts is stopped by applyNow() below).
    const QSignalBlocker blockType(m_type);
    const QSignalBlocker blockClass(m_class);
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    m_text->clear();
    setTypeFilter(BounceTableModel::TypeFilter::All);
    setClassFilter(std::nullopt);
    m_from->setDate({});
    m_to->setDate({});
    applyNow();
}

void FilterBar::focusSearch() {
    m_text->setFocus(Qt::ShortcutFocusReason);
    m_text->selectAll();
}

void FilterBar::applyNow() {
    m_debounce->stop();
    const BounceTableModel::Filter current = filter();
    updateClearButton();
    if (current == m_applied)
        return;
    m_applied = current;
    Q_EMIT filterChanged(current);
}

void FilterBar::updateClearButton() {
    m_clear->setEnabled(!filter().isEmpty());
}
