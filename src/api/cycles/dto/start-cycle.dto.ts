import { ApiProperty } from '@nestjs/swagger';
import { IsInt, Matches, Max, Min } from 'class-validator';

export class StartCycleDto {
  @ApiProperty({ example: 'BK' })
  @Matches(/^[A-Za-z0-9_-]{1,32}$/)
  provinceCode: string;

  @ApiProperty({ example: 'MTTQ-DT' })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/)
  blocCode: string;

  @ApiProperty({ example: 2020 })
  @IsInt()
  @Min(2000)
  @Max(2100)
  year: number;
}
