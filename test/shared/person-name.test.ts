import { describe, expect, it } from 'vitest';
import { maskName, surnameOf } from '../../src/shared/domain/person-name';
import { normalizeProof } from '../../src/shared/domain/purchase-proof';

describe('customer names: surname and masked form', () => {
  it('masks a name to its surname and * as the seeds\' records show it (张*)', () => {
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('李小龙')).toBe('李*');
    expect(maskName(' 王芳 ')).toBe('王*');
    expect(maskName('')).toBe('');
  });

  it('keeps compound surnames whole (欧阳*, not 欧*), in Simplified and Traditional', () => {
    for (const [name, surname] of [
      ['欧阳娜娜', '欧阳'], ['司马光', '司马'], ['诸葛亮', '诸葛'], ['上官婉儿', '上官'], ['东方明', '东方'], ['皇甫嵩', '皇甫'],
      ['尉迟恭', '尉迟'], ['公孙胜', '公孙'], ['慕容复', '慕容'], ['长孙无忌', '长孙'], ['宇文泰', '宇文'], ['司徒雷', '司徒'],
      ['夏侯惇', '夏侯'], ['轩辕辰', '轩辕'], ['令狐冲', '令狐'], ['钟离春', '钟离'], ['澹台灭明', '澹台'], ['公冶长', '公冶'],
      ['申屠嘉', '申屠'], ['太史慈', '太史'], ['端木赐', '端木'], ['闻人杰', '闻人'], ['赫连勃', '赫连'], ['歐陽修', '歐陽'],
      ['爱新觉罗溥仪', '爱新觉罗'],
    ]) {
      expect(surnameOf(name!), name).toBe(surname);
      expect(maskName(name!), name).toBe(`${surname}*`);
    }
  });

  it('reads a two-character name as surname and given name, and a single-character surname that starts a compound one as itself', () => {
    // 欧阳 alone: surname 欧, given name 阳.
    expect(surnameOf('欧阳')).toBe('欧');
    // 东 is a surname of its own: 东明 is Mr. 东.
    expect(surnameOf('东明')).toBe('东');
    expect(surnameOf('马东方')).toBe('马');
  });

  it('handles Latin names: the family name comes last and is kept, the given names are masked', () => {
    expect(surnameOf('Anna Smith')).toBe('Smith');
    expect(maskName('Anna Maria Smith')).toBe('A* M* Smith');
    expect(maskName('Smith')).toBe('S*');
  });
});

describe('purchase proof as compared', () => {
  it('folds case, spaces, separators and full-width forms', () => {
    expect(normalizeProof('dd-2026 1123／0042')).toBe('DD202611230042');
    expect(normalizeProof('ＤＤ２０２６１１２３００４２')).toBe('DD202611230042');
  });
});
