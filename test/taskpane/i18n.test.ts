/**
 * Failures in words: the Chinese pane shows the host's own message (it names the cell or sheet);
 * the English pane puts every HostError code into English for whatever the pane was doing.
 */
import { describe, expect, it } from 'vitest';
import { HostError, type HostErrorCode } from '../../src/host/index.js';
import { describeFailure, stringsFor, type PaneAction } from '../../src/taskpane/i18n.js';

const CODES: HostErrorCode[] = ['read-failed', 'write-failed', 'settings-failed', 'select-failed'];
const ACTIONS: PaneAction[] = ['check', 'clear', 'select', 'settings', 'adopt', 'write-back', 'undo', 'template'];
const HAN = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('describeFailure', () => {
  const zh = stringsFor('zh-CN');
  const en = stringsFor('en-US');

  it('in English: every code, whatever the pane was doing, without a word of the host’s Chinese', () => {
    for (const during of ACTIONS) {
      for (const code of CODES) {
        const text = describeFailure(en, new HostError(code, '无法写入单元格 H5（工作表可能受保护）。'), during);
        expect(text, `${during}/${code}`).not.toMatch(HAN);
        expect(text, `${during}/${code}`).toMatch(/^[A-Z].*\.$/);
      }
    }
  });

  it('in English: by the code, more precisely where the action says more', () => {
    expect(describeFailure(en, new HostError('write-failed', '写回失败：…'), 'write-back')).toBe(
      'Could not write back the totals: the cells could not be written (the sheet may be protected or deleted).',
    );
    expect(describeFailure(en, new HostError('settings-failed', '已撤销写回（2 个单元格），但无法更新工作簿中的撤销记录。'), 'undo')).toBe(
      'The cells were restored, but the undo record in the workbook could not be updated.',
    );
    expect(describeFailure(en, new HostError('read-failed', '读取工作表失败。'), 'check')).toBe('Could not read the worksheet.');
  });

  it('in Chinese: the host’s own message, which names the cell', () => {
    expect(describeFailure(zh, new HostError('select-failed', '无法定位到“Sheet1”的 H5。'), 'select')).toBe('无法定位到“Sheet1”的 H5。');
  });

  it('adds what Excel itself said, in either language', () => {
    const e = new HostError('read-failed', '读取工作表失败。', { cause: new Error('RichApi.Error: ItemNotFound') });
    expect(describeFailure(zh, e, 'check')).toBe('读取工作表失败。（RichApi.Error: ItemNotFound）');
    expect(describeFailure(en, e, 'check')).toBe('Could not read the worksheet. (RichApi.Error: ItemNotFound)');
  });

  it('anything else is said as “could not …” and its own message', () => {
    expect(describeFailure(en, new TypeError('x is undefined'), 'template')).toBe('Could not insert the template: x is undefined');
    expect(describeFailure(zh, 'boom', 'undo')).toBe('撤销写回失败：boom');
  });
});
