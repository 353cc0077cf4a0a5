import {
  CALLBACK_TYPES,
  type Agent,
  type Answers,
  type CallbackType,
  type CustomerRecord,
  type CustomerTier,
  type Disposition,
  type Gender,
  type Purchase,
  type Task,
  type TaskStatus,
} from '../domain/model';

/**
 * The demo workspace: a deterministic, realistic zh-CN service centre (agents, customers,
 * purchases of home appliances and devices, callback tasks of every type and state, past
 * calls). The same seed and anchor day give the same data, so demos and tests are repeatable.
 */


export interface DemoCall {
  id: string;
  taskId: string;
  customerId: string;
  agentId: string;
  startedAt: number;
  endedAt: number;
  disposition: Disposition;
  scriptId: string;
  scriptVersion: number;
  answers: Answers;
  satisfaction: number | null;
  nps: number | null;
  notes: string;
}

export interface DemoWorkspace {
  currentAgentId: string;
  agents: Agent[];
  customers: CustomerRecord[];
  purchases: Purchase[];
  tasks: Task[];
  calls: DemoCall[];
}

export interface DemoOptions {
  seed?: number;
  /** Any instant on the day the demo is anchored to; due dates spread around it. */
  anchor: number;
  customers?: number;
  purchases?: number;
  tasks?: number;
}

const DAY = 86_400_000;
const HOUR = 3_600_000;

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '高', '罗', '郑', '梁', '谢', '宋', '唐', '韩', '冯', '邓', '曹', '彭'];
const GIVEN_MALE = ['伟', '强', '磊', '军', '洋', '勇', '杰', '涛', '明', '超', '志强', '建国', '海峰', '俊杰', '宇航', '子轩', '浩然', '文博'];
const GIVEN_FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '婷', '雪', '秀英', '桂兰', '晓燕', '欣怡', '梓涵', '雨桐', '佳琪', '思雨'];
const CITIES: [string, string][] = [
  ['北京', 'Asia/Shanghai'], ['上海', 'Asia/Shanghai'], ['广州', 'Asia/Shanghai'], ['深圳', 'Asia/Shanghai'],
  ['杭州', 'Asia/Shanghai'], ['成都', 'Asia/Shanghai'], ['武汉', 'Asia/Shanghai'], ['南京', 'Asia/Shanghai'],
  ['西安', 'Asia/Shanghai'], ['长沙', 'Asia/Shanghai'], ['郑州', 'Asia/Shanghai'], ['青岛', 'Asia/Shanghai'],
  ['乌鲁木齐', 'Asia/Urumqi'], ['香港', 'Asia/Hong_Kong'], ['新加坡', 'Asia/Singapore'],
];
const PRODUCTS: [string, string[], number][] = [
  ['空调', ['KFR-35GW/BP3 变频挂机', 'KFR-72LW/N1 立柜式空调', 'KFR-26GW 新一级能效挂机'], 6],
  ['冰箱', ['BCD-510WK 十字对开门冰箱', 'BCD-406 法式多门冰箱', 'BCD-218 三门冰箱'], 3],
  ['洗衣机', ['XQG100-14 滚筒洗烘一体机', 'XQB80 波轮洗衣机'], 3],
  ['热水器', ['JSQ30-16 燃气热水器', 'F6030 储水式电热水器'], 3],
  ['净水器', ['RO-800G 反渗透净水器', 'MRC1892 厨下净水机'], 2],
  ['油烟机', ['CXW-260 侧吸式油烟机', 'JZT-Q3 燃气灶套装'], 3],
  ['电视', ['65E7 65英寸 4K 电视', '75Q10 75英寸 Mini LED 电视'], 2],
  ['扫地机器人', ['T20 Pro 扫拖一体机器人', 'X10 自清洁扫地机'], 1],
  ['笔记本电脑', ['Book 14 Pro 轻薄本', 'G15 游戏本'], 1],
  ['手机', ['Note 13 5G 手机', 'Pro 60 手机'], 1],
];
const TAGS = ['老客户', '曾投诉', '以旧换新', '企业客户', '家有老人', '偏好微信', '延保用户', '安装预约'];
const NOTES = [
  '客户表示产品运行正常，对安装师傅评价较高。',
  '客户反映夜间噪音略大，已建议调整静音模式，三天后再确认。',
  '客户正在开会，约定明天上午再联系。',
  '电话无人接听，稍后重试。',
  '客户对配送时间有意见，已记录并反馈物流部门。',
  '客户希望了解延保政策，已说明并发送资料。',
  '客户对维修结果满意，建议其定期清洗滤网。',
];

/** mulberry32: small, fast, deterministic. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Deterministic UUIDv7-shaped ids derived from the random stream and a timestamp. */
function createIds(random: () => number, anchor: number): () => string {
  let counter = 0;
  return () => {
    counter += 1;
    const ms = (anchor - 400 * DAY + counter).toString(16).padStart(12, '0');
    const hex = (n: number) =>
      Array.from({ length: n }, () => Math.floor(random() * 16).toString(16)).join('');
    const variant = (8 + Math.floor(random() * 4)).toString(16);
    return `${ms.slice(0, 8)}-${ms.slice(8, 12)}-7${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
  };
}

const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

export function generateDemoWorkspace(options: DemoOptions): DemoWorkspace {
  const random = createRandom(options.seed ?? 20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const dayStart = Math.floor(options.anchor / DAY) * DAY - 8 * HOUR; // midnight in China (UTC+8)
  const nextId = createIds(random, dayStart);

  const agents: Agent[] = [
    { id: nextId(), name: '王晓敏', employeeNo: 'CS1024', role: 'agent' },
    { id: nextId(), name: '陈志远', employeeNo: 'CS1031', role: 'senior_agent' },
    { id: nextId(), name: '刘慧', employeeNo: 'CS0007', role: 'lead' },
  ];
  const [me, senior] = agents as [Agent, Agent, Agent];

  const customers: CustomerRecord[] = [];
  const customerCount = options.customers ?? 240;
  const phones = new Set<string>();
  for (let i = 0; i < customerCount; i++) {
    const gender: Gender = random() < 0.5 ? 'male' : 'female';
    const name = pick(SURNAMES) + pick(gender === 'male' ? GIVEN_MALE : GIVEN_FEMALE);
    let phone: string;
    do {
      phone = `1${pick(['38', '39', '58', '59', '86', '87', '36', '77', '88', '99'])}${String(between(0, 99_999_999)).padStart(8, '0')}`;
    } while (phones.has(phone));
    phones.add(phone);
    const [city, timeZone] = pick(CITIES);
    const roll = random();
    const tier: CustomerTier = roll < 0.15 ? 'high_value' : roll < 0.45 ? 'new' : 'regular';
    const tags = TAGS.filter(() => random() < 0.12);
    const window = random() < 0.4 ? pick([{ start: 540, end: 720 }, { start: 840, end: 1080 }, { start: 600, end: 690 }]) : null;
    customers.push({
      id: nextId(),
      customerNo: `C${String(100_000 + i)}`,
      name,
      gender,
      phone,
      tier,
      tags,
      contactWindow: window,
      timeZone,
      city,
    });
  }

  const purchases: Purchase[] = [];
  const purchaseCount = options.purchases ?? 520;
  for (let i = 0; i < purchaseCount; i++) {
    // Every customer gets one purchase first, the rest spread at random.
    const customer = i < customers.length ? (customers[i] as CustomerRecord) : pick(customers);
    const [line, models, warrantyYears] = pick(PRODUCTS);
    const purchaseDay = dayStart - between(1, 360) * DAY;
    const delivered = purchaseDay + between(0, 5) * DAY;
    purchases.push({
      id: nextId(),
      customerId: customer.id,
      productLine: line,
      model: pick(models),
      serialNo: `SN${isoDate(purchaseDay).replace(/-/g, '')}${String(between(0, 999_999)).padStart(6, '0')}`,
      purchaseDate: isoDate(purchaseDay),
      deliveryDate: isoDate(delivered),
      warrantyEnd: isoDate(purchaseDay + warrantyYears * 365 * DAY),
    });
  }

  const tasks: Task[] = [];
  const calls: DemoCall[] = [];
  const taskCount = options.tasks ?? 320;
  const statusCycle: TaskStatus[] = ['pending', 'pending', 'pending', 'pending', 'retry', 'rescheduled', 'completed', 'completed', 'unreachable', 'refused', 'cancelled'];
  for (let i = 0; i < taskCount; i++) {
    const type: CallbackType = CALLBACK_TYPES[i % CALLBACK_TYPES.length] as CallbackType;
    const status = statusCycle[Math.floor(random() * statusCycle.length)] as TaskStatus;
    const purchase = pick(purchases);
    const customer = customers.find((c) => c.id === purchase.customerId) as CustomerRecord;
    // Spread open work across overdue, today and the next three weeks.
    const dueDay = dayStart + between(-6, 21) * DAY;
    const windowDays = type === 'routine_early' ? 8 : type === 'post_resolution' || type === 'new_customer' ? 3 : 2;
    const dueStart = dueDay + 9 * HOUR;
    const dueEnd = dueStart + windowDays * DAY - 9 * HOUR;
    let priority = 3;
    if (type === 'post_resolution') priority = 1;
    else if (customer.tier === 'high_value' || type === 'key_customer') priority = 2;
    else if (type === 'proactive_care' || type === 'satisfaction') priority = 4;
    const attempts = status === 'pending' ? 0 : status === 'unreachable' ? 3 : between(1, 2);
    const assignedAgentId = type === 'key_customer' || random() < 0.1 ? senior.id : me.id;
    const task: Task = {
      id: nextId(),
      customerId: customer.id,
      purchaseId: purchase.id,
      type,
      status,
      priority,
      dueStart,
      dueEnd,
      attempts,
      assignedAgentId,
      lastDisposition: null,
      updatedAt: dayStart - between(1, 5) * DAY,
    };
    for (let attempt = 0; attempt < attempts; attempt++) {
      const last = attempt === attempts - 1;
      const disposition: Disposition = !last
        ? 'no_answer'
        : status === 'completed'
          ? 'completed'
          : status === 'rescheduled'
            ? 'customer_busy'
            : status === 'refused'
              ? 'refused'
              : 'no_answer';
      const startedAt = Math.min(dueStart, dayStart) - (attempts - attempt) * DAY + between(9, 17) * HOUR;
      const answered = disposition === 'completed';
      const satisfaction = answered ? between(4, 10) : null;
      const nps = answered ? between(3, 10) : null;
      const answers: Answers = answered
        ? { identity: 'confirmed', satisfaction: satisfaction as number, nps: nps as number }
        : disposition === 'customer_busy'
          ? { identity: 'busy' }
          : disposition === 'refused'
            ? { identity: 'refused' }
            : {};
      calls.push({
        id: nextId(),
        taskId: task.id,
        customerId: customer.id,
        agentId: assignedAgentId,
        startedAt,
        endedAt: startedAt + (answered ? between(120, 420) : between(20, 60)) * 1000,
        disposition,
        scriptId: type.replace(/_/g, '-').replace('satisfaction', 'satisfaction-monitoring'),
        scriptVersion: 1,
        answers,
        satisfaction,
        nps,
        notes: answered ? pick(NOTES) : disposition === 'customer_busy' ? NOTES[2] as string : NOTES[3] as string,
      });
      task.lastDisposition = disposition;
    }
    tasks.push(task);
  }
  return { currentAgentId: me.id, agents, customers, purchases, tasks, calls };
}
