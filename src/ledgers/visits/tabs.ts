/** The tabs of customer visits, from their `*.tab.json` descriptions. */
import { defineTemplate } from '../../core/template'
import visitQuestions from './visit-questions.tab.json'
import visits from './visits.tab.json'

export const VISITS = defineTemplate(visits)
/** 意见与答复 (附录4): the customer's questions of each visit and the company's answers. */
export const VISIT_QUESTIONS = defineTemplate(visitQuestions)
