#include "filterbar.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMouseEvent>
#include <QTimer>
#include <QToolButton>

namespace {

// The lowest date doubles as "any": shown as that word, and treated as an open end.
const QDate anyDate(1970, 1, 1);

// A date edit whose lowest value reads "any". Stepping up from "any" or clicking it starts at
// today rather than at 1970, which is where a person looking at recent bounces wants to be.
class OptionalDateEdit final : public QDateEdit {
public:
    explicit OptionalDateEdit(QWidget *parent)
        : QDateEdit(parent) {
        setMinimumDate(anyDate);
        setMaximumDate(QDate(2100, 12, 31));
        setSpecialValueText(FilterBar::tr("any"));
        setCalendarPopup(true);
        setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
        setDate(anyDate);
    }
    QDate value() const { return date() == anyDate ? QDate() : date(); }
    void setValue(const QDate &value) { setDate(value.isValid() ? value : anyDate); }

    void stepBy(int steps) override {
        if (date() == anyDate && steps > 0) {
            setDate(QDate::currentDate());
            return;
        }
        QDateEdit::stepBy(steps);
    }

protected:
    void mousePressEvent(QMouseEvent *event) override {
        // Open the calendar on this month, not on January 1970.
        if (date() == anyDate && event->button() == Qt::LeftButton)
            setDate(QDate::currentDate());
        QDateEdit::mousePressEvent(event);
    }
};

} // namespace

FilterBar::FilterBar(QWidget *parent)
    : QWidget(parent)
    , m_text(new QLineEdit(this))
    , m_type(new QComboBox(this))
    , m_from(new OptionalDateEdit(this))
    , m_to(new OptionalDateEdit(this))
    , m_clear(new QToolButton(this))
    , m_debounce(new QTimer(this)) {
    setObjectName(QStringLiteral("filterBar"));
    m_text->setObjectName(QStringLiteral("filterText"));
    m_text->setPlaceholderText(tr("Filter by address, reason or status (Ctrl+F)"));
    m_text->setClearButtonEnabled(true);
    m_text->setAccessibleName(tr("Filter text"));

    m_type->setObjectName(QStringLiteral("filterType"));
    m_type->addItem(tr("All types"), int(BounceTableModel::TypeFilter::All));
    m_type->addItem(tr("Hard bounces"), int(BounceTableModel::TypeFilter::Hard));
    m_type->addItem(tr("Soft bounces"), int(BounceTableModel::TypeFilter::Soft));
    m_type->setAccessibleName(tr("Bounce type"));

    m_from->setObjectName(QStringLiteral("filterFrom"));
    m_from->setAccessibleName(tr("Created from"));
    m_from->setToolTip(tr("Earliest created date; \"any\" leaves it open"));
    m_to->setObjectName(QStringLiteral("filterTo"));
    m_to->setAccessibleName(tr("Created until"));
    m_to->setToolTip(tr("Latest created date; \"any\" leaves it open"));

    m_clear->setObjectName(QStringLiteral("filterClear"));
    m_clear->setText(tr("Clear"));
    m_clear->setToolTip(tr("Show all rows again"));
    m_clear->setAccessibleName(tr("Clear the filter"));

    auto *fromLabel = new QLabel(tr("Created fro&m"), this);
    fromLabel->setBuddy(m_from);
    auto *toLabel = new QLabel(tr("&to"), this);
    toLabel->setBuddy(m_to);
    auto *typeLabel = new QLabel(tr("T&ype"), this);
    typeLabel->setBuddy(m_type);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_text, 1);
    layout->addWidget(typeLabel);
    layout->addWidget(m_type);
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
    connect(m_from, &QDateEdit::dateChanged, this, &FilterBar::applyNow);
    connect(m_to, &QDateEdit::dateChanged, this, &FilterBar::applyNow);
    connect(m_clear, &QToolButton::clicked, this, &FilterBar::clear);
    updateClearButton();
}

FilterBar::~FilterBar() = default;

BounceTableModel::Filter FilterBar::filter() const {
    BounceTableModel::Filter result;
    result.text = m_text->text().trimmed();
    result.type = BounceTableModel::TypeFilter(m_type->currentData().toInt());
    result.from = static_cast<OptionalDateEdit *>(m_from)->value();
    result.to = static_cast<OptionalDateEdit *>(m_to)->value();
    return result;
}

void FilterBar::setFilterText(const QString &text) {
    m_text->setText(text);
    applyNow();
}

void FilterBar::setTypeFilter(BounceTableModel::TypeFilter type) {
    m_type->setCurrentIndex(m_type->findData(int(type)));
}

void FilterBar::setDateRange(const QDate &from, const QDate &to) {
    static_cast<OptionalDateEdit *>(m_from)->setValue(from);
    static_cast<OptionalDateEdit *>(m_to)->setValue(to);
}

void FilterBar::clear() {
    const QSignalBlocker blockText(m_text);
    const QSignalBlocker blockType(m_type);
    const QSignalBlocker blockFrom(m_from);
    const QSignalBlocker blockTo(m_to);
    m_text->clear();
    setTypeFilter(BounceTableModel::TypeFilter::All);
    setDateRange({}, {});
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
