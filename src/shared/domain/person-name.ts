/**
 * Chinese personal names: the surname the seeds address a customer by (王先生, 欧阳女士) and the
 * masked form records show (张*, 欧阳*; seed 004's 服务响应记录). Stored whole in the core, like
 * phone numbers; records that leave it carry the masked form.
 *
 * Public API:
 *   surnameOf(name): string        '欧阳娜娜' -> '欧阳', '张伟' -> '张', 'Anna Smith' -> 'Smith'
 *   maskName(name): string         '张伟' -> '张*', '欧阳娜娜' -> '欧阳*', 'Anna Smith' -> 'A* Smith'
 *
 * Compound surnames (复姓) are a data table: no maintained npm library covers them (checked the
 * registry's list for 复姓 / compound surname packages, none), and the set is small and stable.
 * It holds the 复姓 of the 百家姓 and those still common today, in Simplified and Traditional
 * forms. A two-character name is a single surname and a given name (欧阳 alone would be no name).
 */

/** 复姓, Simplified and Traditional. */
const COMPOUND_SURNAMES = new Set([
  '欧阳', '歐陽', '司马', '司馬', '诸葛', '諸葛', '上官', '东方', '東方', '皇甫', '尉迟', '尉遲', '公孙', '公孫',
  '慕容', '长孙', '長孫', '宇文', '司徒', '夏侯', '轩辕', '軒轅', '令狐', '钟离', '鍾離', '鐘離', '澹台', '澹臺',
  '公冶', '申屠', '太史', '端木', '闻人', '聞人', '赫连', '赫連', '万俟', '萬俟', '独孤', '獨孤', '南宫', '南宮',
  '西门', '西門', '呼延', '百里', '东郭', '東郭', '濮阳', '濮陽', '淳于', '单于', '單于', '司空', '司寇', '巫马',
  '巫馬', '公西', '漆雕', '乐正', '樂正', '壤驷', '壤駟', '公良', '拓跋', '宰父', '谷梁', '穀梁', '段干', '段幹',
  '东门', '東門', '左丘', '梁丘', '羊舌', '微生', '公羊', '亓官', '仲孙', '仲孫', '子车', '子車', '颛孙', '顓孫',
  '第五', '鲜于', '鮮于', '闾丘', '閭丘', '公户', '公戶', '公仪', '公儀', '公乘', '叱干', '太叔', '即墨', '哥舒',
  '完颜', '完顏', '呼衍', '纳兰', '納蘭', '爱新觉罗',
]);

const CJK = /^[\u3400-\u9fff\uf900-\ufaff]/u;

function chars(name: string): string[] {
  return [...name.trim()];
}

export function surnameOf(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  if (!CJK.test(trimmed)) {
    // "Anna Smith": the family name comes last; a single word is all there is.
    const words = trimmed.split(/\s+/);
    return words.at(-1) ?? trimmed;
  }
  const all = chars(trimmed);
  for (const length of [4, 2]) {
    const head = all.slice(0, length).join('');
    if (all.length > length && COMPOUND_SURNAMES.has(head)) return head;
  }
  return all[0] ?? '';
}

export function maskName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === '') return '';
  if (!CJK.test(trimmed)) {
    const words = trimmed.split(/\s+/);
    if (words.length === 1) return `${chars(trimmed)[0]}*`;
    return [...words.slice(0, -1).map((w) => `${chars(w)[0]}*`), words.at(-1)].join(' ');
  }
  const surname = surnameOf(trimmed);
  // A name that is only a surname still hides nothing more: it gets the mark so it reads as masked.
  return `${surname}*`;
}
