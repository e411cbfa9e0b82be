import { assessmentWorkflowId, CYCLE_TASK_QUEUE_DEFAULT, cycleWorkflowId, nomineeId } from '../../src/shared/ids';
import { AwardType } from '../../src/shared/rules';

describe('cycleWorkflowId', () => {
  it('given a province, a bloc and a year, should build one id per bloc and year', () => {
    expect(cycleWorkflowId('BK', 'MTTQ_DT', 2020)).toBe('cycle.BK.MTTQ_DT.2020');
    expect(cycleWorkflowId('BK', 'MTTQ_DT', 2021)).not.toBe(cycleWorkflowId('BK', 'MTTQ_DT', 2020));
  });

  it.each([
    ['provinceCode', 'Bắc Kạn', 'MTTQ'],
    ['provinceCode', '', 'MTTQ'],
    ['blocCode', 'BK', 'MTTQ/DT'],
    ['blocCode', 'BK', 'MTTQ DT'],
  ])('given an unsafe %s, should throw naming it', (name, provinceCode, blocCode) => {
    expect(() => cycleWorkflowId(provinceCode, blocCode, 2020)).toThrow(name);
  });

  it('given different province/bloc pairs whose codes contain the separator, should not build the same id', () => {
    expect(cycleWorkflowId('BK', 'KHOI-MTTQ', 2020)).not.toBe(cycleWorkflowId('BK-KHOI', 'MTTQ', 2020));
  });
});

describe('assessmentWorkflowId', () => {
  it('given a cycle and a unit, should build an id under the cycle', () => {
    expect(assessmentWorkflowId('cycle.BK.MTTQ.2020', 'HLHPN')).toBe('cycle.BK.MTTQ.2020.assessment.HLHPN');
  });

  it('given an unsafe unit code, should throw naming unitCode', () => {
    expect(() => assessmentWorkflowId('cycle.BK.MTTQ.2020', 'HỘI ND')).toThrow('unitCode');
  });
});

describe('nomineeId', () => {
  it('given an award and a unit, should distinguish both', () => {
    expect(nomineeId(AwardType.CO_THI_DUA_TINH, 'HLHPN')).toBe('CO_THI_DUA_TINH:HLHPN');
    expect(nomineeId(AwardType.BANG_KHEN_CHU_TICH, 'HLHPN')).not.toBe(nomineeId(AwardType.CO_THI_DUA_TINH, 'HLHPN'));
  });
});

describe('CYCLE_TASK_QUEUE_DEFAULT', () => {
  it('should be a non-empty task queue name', () => {
    expect(CYCLE_TASK_QUEUE_DEFAULT).toMatch(/^[a-z-]+$/);
  });
});
