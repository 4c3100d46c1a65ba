import type { Language } from '../routing/channels.js';

/** One message in one language: a subject (e-mail subject, webhook title) and a short text (also the SMS). */
export interface MessageTemplate {
  subject: string;
  text: string;
}

/**
 * The only values a template may show.: a message identifies a person by `victimRef` (a
 * pseudonym) and the case number only — never a name, birth date, contact, circumstance or document.
 */
export const TEMPLATE_VARIABLES = [
  'caseNumber',
  'victimRef',
  'facilityCode',
  'handoverDueAt',
  'handedOverAt',
  'minutesLeft',
  'expectedArrivalAt',
  'offerExpiresAt',
  'reason',
  'position',
  'payoutId',
  'claimId',
  'amount',
  'method',
  'outcome',
  'deliveryId',
  'eventId',
  'eventType',
  'channel',
  'attempts',
  'service',
  'providerOrg',
  'requestId',
  'status',
  'wish',
  'destinationCountry',
] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];

type Catalogue = Record<string, Record<Language, MessageTemplate>>;

/** Messages per event type and language (`az`, `en`, `ru`). Placeholders are `{{name}}`. */
export const TEMPLATES: Catalogue = {
  'referral.reported': {
    en: {
      subject: 'URGENT: new referral {{caseNumber}}',
      text: 'A presumed victim or a trafficking crime was reported: case {{caseNumber}}, victim ref {{victimRef}}. Handover to the special police unit is due by {{handoverDueAt}}.',
    },
    az: {
      subject: 'TƏCİLİ: yeni müraciət {{caseNumber}}',
      text: 'Ehtimal olunan qurban və ya insan alveri cinayəti barədə məlumat verildi: iş {{caseNumber}}, qurban kodu {{victimRef}}. Xüsusi polis qurumuna təhvil son müddəti: {{handoverDueAt}}.',
    },
    ru: {
      subject: 'СРОЧНО: новое обращение {{caseNumber}}',
      text: 'Сообщено о предполагаемой жертве или преступлении торговли людьми: дело {{caseNumber}}, код жертвы {{victimRef}}. Передача в специальное полицейское подразделение — до {{handoverDueAt}}.',
    },
  },
  'referral.handover.requested': {
    en: {
      subject: 'Handover requested: case {{caseNumber}}',
      text: 'A handover of case {{caseNumber}} (victim ref {{victimRef}}) to the duty officer was requested; it is due by {{handoverDueAt}}.',
    },
    az: {
      subject: 'Təhvil tələb olunur: iş {{caseNumber}}',
      text: '{{caseNumber}} saylı işin (qurban kodu {{victimRef}}) növbətçiyə təhvili tələb olundu; son müddət: {{handoverDueAt}}.',
    },
    ru: {
      subject: 'Запрошена передача: дело {{caseNumber}}',
      text: 'Запрошена передача дела {{caseNumber}} (код жертвы {{victimRef}}) дежурному офицеру; срок — до {{handoverDueAt}}.',
    },
  },
  'referral.handed_over': {
    en: {
      subject: 'Handover completed: case {{caseNumber}}',
      text: 'Case {{caseNumber}} (victim ref {{victimRef}}) was handed over to the duty officer at {{handedOverAt}} (due {{handoverDueAt}}).',
    },
    az: {
      subject: 'Təhvil başa çatdı: iş {{caseNumber}}',
      text: '{{caseNumber}} saylı iş (qurban kodu {{victimRef}}) {{handedOverAt}} tarixində növbətçiyə təhvil verildi (son müddət {{handoverDueAt}}).',
    },
    ru: {
      subject: 'Передача завершена: дело {{caseNumber}}',
      text: 'Дело {{caseNumber}} (код жертвы {{victimRef}}) передано дежурному офицеру {{handedOverAt}} (срок {{handoverDueAt}}).',
    },
  },
  'referral.deadline.approaching': {
    en: {
      subject: 'Handover deadline approaching: case {{caseNumber}}',
      text: '{{minutesLeft}} minutes left to hand over case {{caseNumber}} (victim ref {{victimRef}}); due by {{handoverDueAt}}.',
    },
    az: {
      subject: 'Təhvil müddəti bitir: iş {{caseNumber}}',
      text: '{{caseNumber}} saylı işin (qurban kodu {{victimRef}}) təhvilinə {{minutesLeft}} dəqiqə qalıb; son müddət: {{handoverDueAt}}.',
    },
    ru: {
      subject: 'Срок передачи истекает: дело {{caseNumber}}',
      text: 'До передачи дела {{caseNumber}} (код жертвы {{victimRef}}) осталось {{minutesLeft}} мин.; срок — до {{handoverDueAt}}.',
    },
  },
  'referral.deadline.breached': {
    en: {
      subject: 'Handover deadline BREACHED: case {{caseNumber}}',
      text: 'The 24-hour handover deadline of case {{caseNumber}} (victim ref {{victimRef}}) passed at {{handoverDueAt}} without a completed handover.',
    },
    az: {
      subject: 'Təhvil müddəti POZULDU: iş {{caseNumber}}',
      text: '{{caseNumber}} saylı işin (qurban kodu {{victimRef}}) 24 saatlıq təhvil müddəti {{handoverDueAt}} tarixində təhvil başa çatmadan bitdi.',
    },
    ru: {
      subject: 'Срок передачи НАРУШЕН: дело {{caseNumber}}',
      text: '24-часовой срок передачи дела {{caseNumber}} (код жертвы {{victimRef}}) истёк {{handoverDueAt}}, передача не завершена.',
    },
  },
  'shelter.admission.requested': {
    en: {
      subject: 'Admission request: case {{caseNumber}}',
      text: 'A bed is held at {{facilityCode}} for victim ref {{victimRef}} (case {{caseNumber}}). Expected arrival {{expectedArrivalAt}}; please admit or decline by {{offerExpiresAt}}.',
    },
    az: {
      subject: 'Qəbul sorğusu: iş {{caseNumber}}',
      text: '{{facilityCode}} müəssisəsində qurban kodu {{victimRef}} (iş {{caseNumber}}) üçün yer saxlanılır. Gözlənilən gəliş: {{expectedArrivalAt}}; {{offerExpiresAt}} tarixinədək qəbul edin və ya imtina edin.',
    },
    ru: {
      subject: 'Запрос на приём: дело {{caseNumber}}',
      text: 'В {{facilityCode}} забронировано место для жертвы с кодом {{victimRef}} (дело {{caseNumber}}). Ожидаемое прибытие {{expectedArrivalAt}}; примите или отклоните до {{offerExpiresAt}}.',
    },
  },
  'shelter.waitlisted': {
    en: {
      subject: 'Waiting list: case {{caseNumber}}',
      text: 'No fitting shelter place is free for victim ref {{victimRef}} (case {{caseNumber}}): {{reason}}. Position on the waiting list: {{position}}.',
    },
    az: {
      subject: 'Gözləmə siyahısı: iş {{caseNumber}}',
      text: 'Qurban kodu {{victimRef}} (iş {{caseNumber}}) üçün uyğun boş yer yoxdur: {{reason}}. Gözləmə siyahısında yeri: {{position}}.',
    },
    ru: {
      subject: 'Лист ожидания: дело {{caseNumber}}',
      text: 'Для жертвы с кодом {{victimRef}} (дело {{caseNumber}}) нет подходящего свободного места: {{reason}}. Место в листе ожидания: {{position}}.',
    },
  },
  'service.requested': {
    en: {
      subject: 'Service request: {{service}} for case {{caseNumber}}',
      text: 'A request for {{service}} for victim ref {{victimRef}} (case {{caseNumber}}) is addressed to {{providerOrg}}. Please accept, decline or complete request {{requestId}} through the NRM API.',
    },
    az: {
      subject: 'Xidmət sorğusu: iş {{caseNumber}} üzrə {{service}}',
      text: 'Qurban kodu {{victimRef}} (iş {{caseNumber}}) üçün {{service}} sorğusu {{providerOrg}} qurumuna ünvanlanıb. {{requestId}} sorğusunu NRM API vasitəsilə qəbul edin, imtina edin və ya icrasını qeyd edin.',
    },
    ru: {
      subject: 'Запрос услуги: {{service}} по делу {{caseNumber}}',
      text: 'Запрос на {{service}} для жертвы с кодом {{victimRef}} (дело {{caseNumber}}) адресован {{providerOrg}}. Примите, отклоните или отметьте выполнение запроса {{requestId}} через API NRM.',
    },
  },
  'service.request.accepted': {
    en: {
      subject: 'Service request accepted: case {{caseNumber}}',
      text: '{{providerOrg}} accepted the request for {{service}} for victim ref {{victimRef}} (case {{caseNumber}}).',
    },
    az: {
      subject: 'Xidmət sorğusu qəbul edildi: iş {{caseNumber}}',
      text: '{{providerOrg}} qurban kodu {{victimRef}} (iş {{caseNumber}}) üçün {{service}} sorğusunu qəbul etdi.',
    },
    ru: {
      subject: 'Запрос услуги принят: дело {{caseNumber}}',
      text: '{{providerOrg}} принял запрос на {{service}} для жертвы с кодом {{victimRef}} (дело {{caseNumber}}).',
    },
  },
  'service.request.declined': {
    en: {
      subject: 'Service request declined: case {{caseNumber}}',
      text: '{{providerOrg}} declined the request for {{service}} for victim ref {{victimRef}} (case {{caseNumber}}): {{reason}}. The request can be addressed to another provider.',
    },
    az: {
      subject: 'Xidmət sorğusundan imtina edildi: iş {{caseNumber}}',
      text: '{{providerOrg}} qurban kodu {{victimRef}} (iş {{caseNumber}}) üçün {{service}} sorğusundan imtina etdi: {{reason}}. Sorğu başqa xidmət göstərənə ünvanlana bilər.',
    },
    ru: {
      subject: 'В запросе услуги отказано: дело {{caseNumber}}',
      text: '{{providerOrg}} отказал в запросе на {{service}} для жертвы с кодом {{victimRef}} (дело {{caseNumber}}): {{reason}}. Запрос можно адресовать другому поставщику.',
    },
  },
  'service.request.completed': {
    en: {
      subject: 'Service provided: case {{caseNumber}}',
      text: '{{providerOrg}} completed the request for {{service}} for victim ref {{victimRef}} (case {{caseNumber}}); outcome: {{outcome}}.',
    },
    az: {
      subject: 'Xidmət göstərildi: iş {{caseNumber}}',
      text: '{{providerOrg}} qurban kodu {{victimRef}} (iş {{caseNumber}}) üçün {{service}} sorğusunu icra etdi; nəticə: {{outcome}}.',
    },
    ru: {
      subject: 'Услуга оказана: дело {{caseNumber}}',
      text: '{{providerOrg}} выполнил запрос на {{service}} для жертвы с кодом {{victimRef}} (дело {{caseNumber}}); результат: {{outcome}}.',
    },
  },
  'victim.return.changed': {
    en: {
      subject: 'Return case {{caseNumber}}: {{status}}',
      text: "The return of victim ref {{victimRef}} (case {{caseNumber}}) to {{destinationCountry}} is now {{status}}; the victim's wish: {{wish}}.",
    },
    az: {
      subject: 'Geri qayıtma işi {{caseNumber}}: {{status}}',
      text: 'Qurban kodu {{victimRef}} (iş {{caseNumber}}) üzrə {{destinationCountry}} ölkəsinə geri qayıtmanın vəziyyəti: {{status}}; qurbanın istəyi: {{wish}}.',
    },
    ru: {
      subject: 'Дело о возвращении {{caseNumber}}: {{status}}',
      text: 'Возвращение жертвы с кодом {{victimRef}} (дело {{caseNumber}}) в {{destinationCountry}}: статус {{status}}; желание жертвы: {{wish}}.',
    },
  },
  'compensation.payout.requested': {
    en: {
      subject: 'Payout awaiting approval: {{payoutId}}',
      text: 'Payout {{payoutId}} of {{amount}} ({{method}}) under claim {{claimId}} for victim ref {{victimRef}} awaits approval.',
    },
    az: {
      subject: 'Ödəniş təsdiq gözləyir: {{payoutId}}',
      text: '{{claimId}} iddiası üzrə qurban kodu {{victimRef}} üçün {{amount}} məbləğində ({{method}}) {{payoutId}} ödənişi təsdiq gözləyir.',
    },
    ru: {
      subject: 'Выплата ожидает утверждения: {{payoutId}}',
      text: 'Выплата {{payoutId}} на сумму {{amount}} ({{method}}) по иску {{claimId}} для жертвы с кодом {{victimRef}} ожидает утверждения.',
    },
  },
  'compensation.payout.approved': {
    en: {
      subject: 'Payout approved: {{payoutId}}',
      text: 'Payout {{payoutId}} of {{amount}} ({{method}}) under claim {{claimId}} for victim ref {{victimRef}} was approved.',
    },
    az: {
      subject: 'Ödəniş təsdiqləndi: {{payoutId}}',
      text: '{{claimId}} iddiası üzrə qurban kodu {{victimRef}} üçün {{amount}} məbləğində ({{method}}) {{payoutId}} ödənişi təsdiqləndi.',
    },
    ru: {
      subject: 'Выплата утверждена: {{payoutId}}',
      text: 'Выплата {{payoutId}} на сумму {{amount}} ({{method}}) по иску {{claimId}} для жертвы с кодом {{victimRef}} утверждена.',
    },
  },
  'compensation.payout.settled': {
    en: {
      subject: 'Payout paid: {{payoutId}}',
      text: 'Payout {{payoutId}} of {{amount}} ({{method}}) under claim {{claimId}} for victim ref {{victimRef}} is {{outcome}}.',
    },
    az: {
      subject: 'Ödəniş edildi: {{payoutId}}',
      text: '{{claimId}} iddiası üzrə qurban kodu {{victimRef}} üçün {{amount}} məbləğində ({{method}}) {{payoutId}} ödənişinin nəticəsi: {{outcome}}.',
    },
    ru: {
      subject: 'Выплата произведена: {{payoutId}}',
      text: 'Выплата {{payoutId}} на сумму {{amount}} ({{method}}) по иску {{claimId}} для жертвы с кодом {{victimRef}}: {{outcome}}.',
    },
  },
  'compensation.payout.failed': {
    en: {
      subject: 'Payout failed: {{payoutId}}',
      text: 'Payout {{payoutId}} of {{amount}} ({{method}}) under claim {{claimId}} for victim ref {{victimRef}} is {{outcome}}: {{reason}}.',
    },
    az: {
      subject: 'Ödəniş uğursuz oldu: {{payoutId}}',
      text: '{{claimId}} iddiası üzrə qurban kodu {{victimRef}} üçün {{amount}} məbləğində ({{method}}) {{payoutId}} ödənişi: {{outcome}}, səbəb: {{reason}}.',
    },
    ru: {
      subject: 'Выплата не прошла: {{payoutId}}',
      text: 'Выплата {{payoutId}} на сумму {{amount}} ({{method}}) по иску {{claimId}} для жертвы с кодом {{victimRef}}: {{outcome}}, причина: {{reason}}.',
    },
  },
  'notification.delivery.failed': {
    en: {
      subject: 'Notification delivery failed: {{eventType}}',
      text: 'Delivery {{deliveryId}} of event {{eventId}} ({{eventType}}) over {{channel}} failed after {{attempts}} attempts. Check the recipient and the delivery log.',
    },
    az: {
      subject: 'Bildiriş çatdırılmadı: {{eventType}}',
      text: '{{eventId}} hadisəsinin ({{eventType}}) {{channel}} kanalı ilə {{deliveryId}} çatdırılması {{attempts}} cəhddən sonra uğursuz oldu. Alıcını və çatdırılma jurnalını yoxlayın.',
    },
    ru: {
      subject: 'Уведомление не доставлено: {{eventType}}',
      text: 'Доставка {{deliveryId}} события {{eventId}} ({{eventType}}) по каналу {{channel}} не удалась после {{attempts}} попыток. Проверьте получателя и журнал доставки.',
    },
  },
};
