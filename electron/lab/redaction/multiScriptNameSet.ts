// A multi-script, multi-format name set written here (names chosen by hand, not drawn from the
// training lexicon, though common ones are in it too), in sentence templates the training
// augmentation does not use: names in Latin (many cultures, with diacritics), Cyrillic, Greek, CJK,
// Arabic and Vietnamese; as written, lower-cased, split over a line break, and inside file names;
// plus sentences without a name, to measure over-redaction. Seeded: the same seed writes the same set.
import { pick, seededRandom, type GoldSpan, type LabelledText } from './labelledSentences.ts';

/** Hand-picked names per script; Latin ones span many cultures. */
export const namesByScript: Readonly<Record<string, readonly string[]>> = {
  latin: [
    'Siobhán O’Sullivan',
    'Kwame Mensah',
    'Ngozi Okonkwo',
    'Lars Øvergaard',
    'Zsófia Kovács',
    'Aoife Ní Bhriain',
    'Giedrė Kazlauskienė',
    'Björn Þórsson',
    'Fatou Diop',
    'Mehmet Yılmaz',
    'Ayşe Demir',
    'Rajesh Venkataraman',
    'Priyanka Chatterjee',
    'Hamid Karimi',
    'Yusuf Al-Rashid',
    'Wei Zhang',
    'Haruki Tanaka',
    'Ji-woo Park',
    'Olumide Adeyemi',
    'Chidinma Eze',
    'Mateus Carvalho',
    'Inés Villanueva',
    'Jakub Dvořák',
    'Agnieszka Wróblewska',
    'Eleni Papadaki',
    'Anders Lindqvist',
    'Mirela Popescu',
    'Kaito Yamamoto',
    'Thandiwe Nkosi',
    'Tariq Mahmood',
    'Leilani Kahale',
    'Aroha Ngata',
    'Bilal Qureshi',
    'Sunita Reddy',
    'Camille Rousseau',
    'Henrik Sørensen',
    'Fionnuala MacNeill',
    'Xiomara Quispe',
    'Abebe Bekele',
    'Nomvula Dlamini',
    'Emre Aydın',
    'Dilnoza Karimova',
  ],
  cyrillic: [
    'Анна Кузнецова',
    'Сергей Волков',
    'Олена Шевченко',
    'Дмитрий Орлов',
    'Наталья Смирнова',
    'Богдан Коваленко',
    'Ирина Лебедева',
    'Тарас Мельник',
    'Алексей Соколов',
    'Оксана Бондаренко',
    'Милица Јовановић',
    'Стефан Николов',
  ],
  greek: [
    'Γιώργος Παπαδόπουλος',
    'Μαρία Κωνσταντίνου',
    'Νίκος Αθανασίου',
    'Ελένη Γεωργίου',
    'Δημήτρης Οικονόμου',
    'Κατερίνα Νικολάου',
    'Σοφία Βασιλείου',
    'Κώστας Δημητρίου',
  ],
  cjk: [
    '王芳',
    '李强',
    '张伟',
    '刘洋',
    '陈静',
    '杨帆',
    '黄磊',
    '赵敏',
    '佐藤健',
    '鈴木花子',
    '高橋一郎',
    '김민준',
    '이서연',
    '박지훈',
    '최유진',
  ],
  arabic: [
    'محمد العلي',
    'فاطمة الزهراء',
    'أحمد حسن',
    'خالد المنصوري',
    'ليلى عبد الله',
    'يوسف إبراهيم',
    'مريم سالم',
    'عمر الفاروق',
  ],
  vietnamese: [
    'Nguyễn Thị Lan',
    'Trần Văn Minh',
    'Lê Hoàng Nam',
    'Phạm Thu Hà',
    'Hoàng Đức Anh',
    'Võ Thị Mai',
    'Đặng Quốc Bảo',
    'Bùi Thanh Hương',
  ],
};

const templates = [
  'Could you translate the note that {P} left on my desk?',
  'Flight booked for {P}, seat 14C, departing Thursday.',
  'The contract between Northwind Traders and {P} expires in March.',
  'Please update the CRM: {P} moved to the sales team.',
  '{P} called twice about the refund.',
  'Schedule a dentist appointment for {P} next week.',
  "Who approved {P}'s expense claim?",
  'Onboarding checklist for {P}: laptop, badge, email account.',
  "I'm writing on behalf of {P}, who cannot attend the hearing.",
  'Our landlord, {P}, wants the keys back by noon.',
  'Interview feedback on {P} is due tomorrow.',
  'Put {P} and {P} in the same breakout room.',
  'To:\n{P}\nSubject: overdue rent',
  'The parcel was signed for by {P} at the reception.',
  'Tell {P} the server migration starts at 22:00.',
  'Minutes taken by {P}; action items below.',
];

const fileTemplates = [
  'Review the attached file {F} before the interview.',
  'Uploaded {F} to the shared drive.',
  'Missing page in {F}, please resend.',
];

const noNameSentences = [
  'Quarterly Review moved to Thursday; bring the Budget Forecast.',
  'Install Node 20 and run the Build Script again.',
  'The Marketing Team approved the new Landing Page.',
  'Please Reply All with your availability for the Offsite.',
  'Contact Support if the Invoice Total looks wrong.',
  'Ask About Pricing on the Enterprise Plan page.',
  'Read the Terms and Conditions before you Sign Up.',
  'Kubernetes Pod restarted after the Health Check failed.',
  'The Annual General Meeting takes place in the Main Hall.',
  'Order Number 48213 shipped via Express Delivery.',
];

type Format = 'as-written' | 'lower-case' | 'line-break' | 'file-name';

/** The name in one format: the text before it, the name as written, and the text after it. */
function written(name: string, format: Format, script: string): { before: string; name: string; after: string } {
  if (format === 'lower-case') return { before: '', name: name.toLowerCase(), after: '' };
  if (format === 'line-break') {
    // Names written without a space (CJK) start the next line instead.
    return name.includes(' ')
      ? { before: '', name: name.replace(' ', '\n'), after: '' }
      : { before: '\n', name, after: '' };
  }
  if (format === 'file-name') {
    const stem = name.replace(/[\s’]+/g, '_');
    const cased = script === 'latin' || script === 'vietnamese' ? stem.toLowerCase() : stem;
    return { before: '', name: cased, after: '_cv.pdf' };
  }
  return { before: '', name, after: '' };
}

/** One labelled sentence per draw: `count` sentences with names and about a tenth without. */
export function multiScriptNameSet(count: number, seed: number): (LabelledText & { script: string; format: string })[] {
  const random = seededRandom(seed);
  const scripts = Object.keys(namesByScript);
  const rows: (LabelledText & { script: string; format: string })[] = [];
  for (let index = 0; index < count; index++) {
    const script = scripts[index % scripts.length] ?? 'latin';
    const hasCase = script === 'latin' || script === 'vietnamese' || script === 'cyrillic' || script === 'greek';
    const formats: Format[] = hasCase
      ? ['as-written', 'lower-case', 'line-break', 'file-name']
      : ['as-written', 'line-break', 'file-name'];
    const format = pick(formats, random);
    const template = format === 'file-name' ? pick(fileTemplates, random) : pick(templates, random);
    const slot = format === 'file-name' ? '{F}' : '{P}';
    let text = '';
    const spans: GoldSpan[] = [];
    for (const [part, piece] of template.split(slot).entries()) {
      if (part > 0) {
        const value = written(pick(namesByScript[script] ?? [], random), format, script);
        text += value.before;
        spans.push({ start: text.length, end: text.length + value.name.length, type: 'PERSON' });
        text += value.name + value.after;
      }
      text += piece;
    }
    rows.push({ text, spans, script, format });
    if (index % 10 === 9)
      rows.push({ text: pick(noNameSentences, random), spans: [], script: 'none', format: 'no name' });
  }
  return rows;
}
